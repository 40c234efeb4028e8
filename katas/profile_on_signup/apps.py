from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class ProfileOnSignupConfig(KataConfig):
    name = "katas.profile_on_signup"

    def ready(self):
        # Django calls ready() once every app and model is loaded: the one place to
        # connect receivers. Importing the module runs its @receiver decorators.
        # (The plain idiom is `from . import receivers`; the kata harness imports it
        # for you so that a broken file fails this kata's tests, not everyone's.)
        import_learner_modules(self)
