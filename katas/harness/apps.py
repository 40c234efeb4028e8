"""The base of every kata's ``AppConfig``: its title comes from the catalogue."""

from __future__ import annotations

from django.apps import AppConfig

from katas.harness import catalogue


class KataConfig(AppConfig):
    """A kata's Django app, named in the admin and in messages by its catalogue title.

    Each kata's ``apps.py`` subclasses it, sets ``name`` and imports its learner
    modules in ``ready()`` (the place to connect receivers).
    """

    # Django picks the one AppConfig subclass an apps.py holds; this base, imported
    # there too, must not count as one. Each kata's own subclass does.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = True

    def __init__(self, app_name, app_module):
        super().__init__(app_name, app_module)
        kata = catalogue.by_slug().get(self.label)
        if kata is not None:
            self.verbose_name = kata.title
