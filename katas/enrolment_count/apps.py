from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class EnrolmentCountConfig(KataConfig):
    name = "katas.enrolment_count"

    def ready(self):
        # Importing receivers.py connects its m2m_changed receiver (see the kata README).
        import_learner_modules(self)
