"""Project URLs: every kata that has a ``urls.py`` serves it under its slug, dashed.

``katas/request_logging/urls.py`` answers at ``/request-logging/...``. The catalogue
decides which katas exist; a kata without pages has no ``urls.py``.
"""

from django.urls import include, path

from katas.harness import catalogue

urlpatterns: list = [
    path(f"{kata.url_prefix}/", include(f"{kata.module}.urls"))
    for kata in catalogue.load()
    if (kata.directory / "urls.py").is_file()
]
