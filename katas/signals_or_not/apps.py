from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class SignalsOrNotConfig(KataConfig):
    name = "katas.signals_or_not"

    def ready(self):
        # receivers.py is where the shipped code hides its rules in signals; the other
        # two modules are imported too, so an error in them is reported up front.
        import_learner_modules(self)
