from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class DefaultGroupsConfig(AppConfig):
    name = "katas.default_groups"
    verbose_name = "Default groups after every migrate"

    def ready(self):
        # Django calls ready() once every app and model is loaded: the one place to
        # connect receivers. Importing receivers.py runs its @receiver decorators.
        import_learner_modules(self)
