from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class MutedImportConfig(AppConfig):
    name = "katas.muted_import"
    verbose_name = "An import that sends no welcome emails"

    def ready(self):
        # receivers.py is given (the welcome email and the membership card): importing it
        # connects both receivers. Then the learner modules, muting.py and services.py.
        from . import receivers  # noqa: F401

        import_learner_modules(self)
