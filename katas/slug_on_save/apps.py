from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class SlugOnSaveConfig(AppConfig):
    name = "katas.slug_on_save"
    verbose_name = "A slug for every blog"

    def ready(self):
        # Importing the module runs its @receiver decorators (see profile_on_signup/apps.py).
        import_learner_modules(self)
