from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class RobustNotificationsConfig(AppConfig):
    name = "katas.robust_notifications"
    verbose_name = "A gateway down must not stop the checkout"

    def ready(self):
        # Importing receivers.py connects its @receiver functions (the harness imports the
        # learner modules so that a broken file fails this kata's tests, not everyone's).
        import_learner_modules(self)
