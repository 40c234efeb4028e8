from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class CompletionEmailConfig(AppConfig):
    name = "katas.completion_email"
    verbose_name = "Hand the completion email to Celery"

    def ready(self):
        # Importing the module runs its @receiver decorators (see profile_on_signup/apps.py).
        import_learner_modules(self)
