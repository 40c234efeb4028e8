from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class FileCleanupConfig(AppConfig):
    name = "katas.file_cleanup"
    verbose_name = "Remove a course's file when the course goes"

    def ready(self):
        # Importing the module runs its @receiver decorators (see profile_on_signup/apps.py).
        import_learner_modules(self)
