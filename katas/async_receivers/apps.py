from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class AsyncReceiversConfig(KataConfig):
    name = "katas.async_receivers"

    def ready(self):
        # Django calls ready() once every app and model is loaded: the one place to
        # connect receivers. Importing receivers.py runs its @receiver decorators.
        import_learner_modules(self)
