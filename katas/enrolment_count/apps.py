from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class EnrolmentCountConfig(AppConfig):
    name = "katas.enrolment_count"
    verbose_name = "Keep the student count right"

    def ready(self):
        # Importing receivers.py connects its m2m_changed receiver (see the kata README).
        import_learner_modules(self)
