import pytest
from celery.signals import before_task_publish


@pytest.fixture
def published():
    """Every task message published to the (in-memory) broker: (task name, args, kwargs)."""
    messages = []

    def record(sender=None, body=None, headers=None, **kwargs):
        args, task_kwargs, _ = body  # Celery's message protocol 2
        messages.append((headers["task"], list(args), dict(task_kwargs)))

    before_task_publish.connect(record, weak=False)
    yield messages
    before_task_publish.disconnect(record)


@pytest.fixture
def eager(settings):
    """Run tasks in the caller, as a worker would (an approximation: see the README).

    The Celery app reads its configuration from Django settings on every access
    (config_from_object("django.conf:settings")), so the `settings` fixture switches
    eager mode on and restores it after the test. Assigning to app.conf instead
    would pin the value for every later test.
    """
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    from katas.celery import app

    assert app.conf.task_always_eager, "the Celery app should read eager mode from settings"
    return app
