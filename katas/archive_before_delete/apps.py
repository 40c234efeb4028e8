from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class ArchiveBeforeDeleteConfig(KataConfig):
    name = "katas.archive_before_delete"

    def ready(self):
        # Importing receivers.py connects its receivers.
        import_learner_modules(self)
