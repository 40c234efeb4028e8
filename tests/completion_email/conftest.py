import pytest
from celery.signals import before_task_publish

from katas.celery import app as celery_app


@pytest.fixture
def published():
    """Every task message published to the (in-memory) broker: (task name, args, kwargs)."""
    messages = []

    def record(sender=None, body=None, headers=None, **kwargs):
        args, task_kwargs, _ = body  # Celery's message protocol 2
        messages.append((headers["task"], list(args), task_kwargs))

    before_task_publish.connect(record, weak=False)
    yield messages
    before_task_publish.disconnect(record)


@pytest.fixture
def eager():
    """Run tasks in the caller, as a worker would. Set on the Celery app's own config:
    Celery reads Django settings once, so the `settings` fixture cannot switch it."""
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
    yield celery_app
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved
