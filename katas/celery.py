"""The project's Celery app, configured from Django settings (the CELERY_* names).

Only the completion_email kata imports it, so other katas never pay for
importing Celery. The broker is in memory: tests need no worker and no network.
"""

import os

from celery import Celery

# Before the app is created, as in Celery's own Django guide: Celery installs its
# Django fixup, and with it the DjangoTask class (``task.delay_on_commit()``), only
# when DJANGO_SETTINGS_MODULE is set at that moment. pytest sets it; a shell or a
# worker started without it would otherwise get plain tasks.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "katas.settings")

app = Celery("katas")
# Read lazily, on every access: CELERY_TASK_ALWAYS_EAGER changed with override_settings
# (or pytest-django's `settings` fixture) is seen at once. Assigning to app.conf
# instead would pin the value, and later settings changes would be ignored.
app.config_from_object("django.conf:settings", namespace="CELERY")
