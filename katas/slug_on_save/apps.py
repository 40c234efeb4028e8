from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class SlugOnSaveConfig(KataConfig):
    name = "katas.slug_on_save"

    def ready(self):
        # Importing the module runs its @receiver decorators (see profile_on_signup/apps.py).
        import_learner_modules(self)
