"""The project's Celery app, configured from Django settings (the CELERY_* names).

Only the completion_email kata imports it, so other katas never pay for
importing Celery. The broker is in memory: tests need no worker and no network.
"""

from celery import Celery

app = Celery("katas")
app.config_from_object("django.conf:settings", namespace="CELERY")
