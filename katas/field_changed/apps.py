from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class FieldChangedConfig(KataConfig):
    name = "katas.field_changed"

    def ready(self):
        # Importing receivers.py connects its receivers (and sets up whatever else it
        # needs to know an order's stored status).
        import_learner_modules(self)
