from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class RequestLoggingConfig(AppConfig):
    name = "katas.request_logging"
    verbose_name = "Kata 7: log every finished request"

    def ready(self):
        # Importing the module runs its @receiver decorators (see kata 1's apps.py).
        import_learner_modules(self, "receivers")
