from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class FileCleanupConfig(KataConfig):
    name = "katas.file_cleanup"

    def ready(self):
        # Importing the module runs its @receiver decorators (see profile_on_signup/apps.py).
        import_learner_modules(self)
