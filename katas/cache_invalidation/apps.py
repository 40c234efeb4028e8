from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class CacheInvalidationConfig(KataConfig):
    name = "katas.cache_invalidation"

    def ready(self):
        # Importing receivers.py connects its @receiver functions (the harness imports the
        # learner modules so that a broken file fails this kata's tests, not everyone's).
        import_learner_modules(self)
