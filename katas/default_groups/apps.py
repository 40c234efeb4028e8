from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class DefaultGroupsConfig(KataConfig):
    name = "katas.default_groups"

    def ready(self):
        # Django calls ready() once every app and model is loaded: the one place to
        # connect receivers. Importing receivers.py runs its @receiver decorators.
        import_learner_modules(self)
