from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class FileCleanupConfig(AppConfig):
    name = "katas.file_cleanup"
    verbose_name = "Kata 3: remove a course's file when the course goes"

    def ready(self):
        # Importing the module runs its @receiver decorators (see kata 1's apps.py).
        import_learner_modules(self, "receivers")
