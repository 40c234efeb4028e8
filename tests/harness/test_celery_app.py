"""The project's Celery app behaves as the completion_email README says, outside pytest too."""

import os
import subprocess
import sys

from katas.harness import catalogue

SCRIPT = """
import django
from katas.celery import app
django.setup()
from django.test.utils import override_settings
print(hasattr(app.Task, "delay_on_commit"))
with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
    print(app.conf.task_always_eager)
print(app.conf.task_always_eager)
"""


def test_the_celery_app_has_delay_on_commit_and_reads_eager_mode_from_settings():
    # A shell or a worker started without DJANGO_SETTINGS_MODULE: katas/celery.py sets it
    # before creating the app, so Celery picks its Django task class (delay_on_commit).
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=catalogue.ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "False"], (
        "expected delay_on_commit, eager mode on under override_settings, off after; "
        f"got {result.stdout.split()}"
    )
