from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class RequestLoggingConfig(AppConfig):
    name = "katas.request_logging"
    verbose_name = "Log every finished request"

    def ready(self):
        # Importing the module runs its @receiver decorators (see profile_on_signup/apps.py).
        import_learner_modules(self)
