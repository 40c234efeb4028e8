"""The one settings module for every kata: SQLite, local-memory email, no network.

Two optional environment variables put the katas on real services instead (README,
"Real services"): DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/katas) and
CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0). Without them, nothing changes.
"""

import os
from pathlib import Path

import django

from katas.harness import catalogue

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "katas-are-for-learning-not-for-production"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
USE_TZ = True
TIME_ZONE = "UTC"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    # One app per kata, in course order: the catalogue decides which exist.
    *(kata.module for kata in catalogue.load()),
]

MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "katas.urls"

DATABASES = {
    # Tests run on an in-memory SQLite database (Django's default for SQLite tests).
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"},
    # A second database, only for the tests that check a receiver queries (and waits for
    # the commit of) the database its signal names in `using`. pytest-django creates it,
    # in memory, only for tests that ask for it.
    "other": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "other.sqlite3"},
}
if os.environ.get("DATABASE_URL"):
    try:
        import dj_database_url
    except ImportError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DATABASE_URL is set, but dj-database-url is not installed: "
            'pip install -e ".[postgres]" (or unset DATABASE_URL for SQLite).'
        ) from None
    DATABASES["default"] = dj_database_url.parse(os.environ["DATABASE_URL"])
    # Each test run gets a database of its own (katas.harness.plugin names it by process):
    # verify runs several side by side, and two must not create and drop the same one.
# A fast hasher keeps the learner's loop instant: the default PBKDF2 spends a quarter
# of a second on every create_user(). Never do this in production.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Tests point MEDIA_ROOT at a fresh temporary folder (see katas.harness.plugin).
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

# Mail stays in memory (django.core.mail.outbox). Django 6.1 replaces EMAIL_BACKEND
# with MAILERS and warns on the old name, so configure whichever this Django reads.
DEFAULT_FROM_EMAIL = "katas@example.com"
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Celery (used by the completion_email kata): an in-memory broker, never the network,
# unless CELERY_BROKER_URL names a real one (the real-worker test: tests/services/).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "memory://")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "cache+memory://")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
}
