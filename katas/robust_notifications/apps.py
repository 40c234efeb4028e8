from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class RobustNotificationsConfig(KataConfig):
    name = "katas.robust_notifications"

    def ready(self):
        # Importing receivers.py connects its @receiver functions (the harness imports the
        # learner modules so that a broken file fails this kata's tests, not everyone's).
        import_learner_modules(self)
