from django.db import models  # noqa: F401

# TODO (new kata): the models the learner is given (the kata's story happens to them), then
#   `DJANGO_SETTINGS_MODULE=katas.settings python -m django makemigrations <slug>`.
#   A kata on a signal that needs no model of its own keeps this file without models.
