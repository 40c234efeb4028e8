from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class RegisteredOnceConfig(KataConfig):
    name = "katas.registered_once"

    def ready(self):
        # Importing receivers.py connects its receivers (its @receiver decorators and its
        # connect_audit() call). ready() can run again in tests that build app registries,
        # and the same module can be imported under a second name: see README.md.
        import_learner_modules(self)
