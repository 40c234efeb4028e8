from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class MutedImportConfig(KataConfig):
    name = "katas.muted_import"

    def ready(self):
        # receivers.py is given (the welcome email and the membership card): importing it
        # connects both receivers. Then the learner modules, muting.py and services.py.
        from . import receivers  # noqa: F401

        import_learner_modules(self)
