from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class ConnectionSetupConfig(KataConfig):
    name = "katas.connection_setup"

    def ready(self):
        # Importing the learner modules (the catalogue's `files`) connects their receivers.
        import_learner_modules(self)
