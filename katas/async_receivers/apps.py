from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class AsyncReceiversConfig(AppConfig):
    name = "katas.async_receivers"
    verbose_name = "Async and sync receivers on one signal"

    def ready(self):
        # Django calls ready() once every app and model is loaded: the one place to
        # connect receivers. Importing receivers.py runs its @receiver decorators.
        import_learner_modules(self)
