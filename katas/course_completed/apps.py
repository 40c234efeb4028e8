from django.apps import AppConfig

from katas.harness.loading import import_learner_modules


class CourseCompletedConfig(AppConfig):
    name = "katas.course_completed"
    verbose_name = "Kata 4: a custom business signal"

    def ready(self):
        # Importing receivers.py runs its @receiver decorators (see kata 1's apps.py);
        # signals and services are imported too, so an error in them shows up front.
        import_learner_modules(self, "signals", "services", "receivers")
