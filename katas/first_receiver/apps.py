from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class FirstReceiverConfig(KataConfig):
    name = "katas.first_receiver"

    def ready(self):
        # Django calls ready() once every app and model is loaded: the place to connect
        # receivers. Importing receivers.py runs its @receiver decorators and its
        # module-level connect() calls. (The plain idiom is `from . import receivers`.)
        import_learner_modules(self)
