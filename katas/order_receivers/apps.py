from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class OrderReceiversConfig(AppConfig):
    name = "katas.order_receivers"
    verbose_name = "Kata 6: many receivers on one signal"

    def ready(self):
        # Importing the module runs its @receiver decorators (see kata 1's apps.py).
        import_learner_modules(self, "receivers")
