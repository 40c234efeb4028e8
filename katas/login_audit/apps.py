from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class LoginAuditConfig(AppConfig):
    name = "katas.login_audit"
    verbose_name = "An audit trail of every login"

    def ready(self):
        # Importing receivers.py connects its @receiver functions (the harness imports the
        # learner modules so that a broken file fails this kata's tests, not everyone's).
        import_learner_modules(self)
