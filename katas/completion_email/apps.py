from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class CompletionEmailConfig(AppConfig):
    name = "katas.completion_email"
    verbose_name = "Kata 5: hand the completion email to Celery"

    def ready(self):
        # Importing the module runs its @receiver decorators (see kata 1's apps.py).
        import_learner_modules(self, "receivers")
