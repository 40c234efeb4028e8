from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class CourseCompletedConfig(KataConfig):
    name = "katas.course_completed"

    def ready(self):
        # Importing receivers.py runs its @receiver decorators (see profile_on_signup/apps.py);
        # signals and services are imported too, so an error in them shows up front.
        import_learner_modules(self)
