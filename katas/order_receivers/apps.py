from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class OrderReceiversConfig(AppConfig):
    name = "katas.order_receivers"
    verbose_name = "Many receivers on one signal"

    def ready(self):
        # Importing the module runs its @receiver decorators (see profile_on_signup/apps.py).
        import_learner_modules(self)
