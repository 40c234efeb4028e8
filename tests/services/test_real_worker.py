"""completion_email for real: a Celery worker on a real broker, against PostgreSQL.

The kata claims that a task enqueued inside the transaction can run before the
commit. Here a real worker (Celery's own test worker, in a thread of this process,
with its own database connection) consumes a real broker (Redis), and the test
holds the transaction open until the worker has run whatever was enqueued inside
it: the unlucky timing of a busy site, every time. The outbox is Django's locmem
one, shared with the worker thread.

    .ci/with-services python -m pytest tests/services/test_real_worker.py --solutions

Without --solutions it tests your katas/completion_email/receivers.py.
"""

import threading

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish, task_postrun
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from kombu.exceptions import EncodeError

from katas.celery import app as celery_app
from katas.completion_email.models import Course
from katas.completion_email.services import complete_course

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.celery_worker,
    # The worker has its own connection: it sees only committed rows, as in production.
    pytest.mark.django_db(transaction=True),
]
TASK = "completion_email.send_course_email"
TIMEOUT = 30  # seconds for the worker to run a task; it takes milliseconds


class Worker:
    """What the real worker was given and what became of each task."""

    def __init__(self):
        self.published = []  # ids of our task's messages, in order
        self.outcomes = {}  # task id -> the exception it raised, or None
        self.changed = threading.Condition()

    def on_publish(self, sender=None, headers=None, **kwargs):
        if sender == TASK:
            with self.changed:
                self.published.append(headers["id"])

    def on_run(self, task_id=None, task=None, state=None, retval=None, **kwargs):
        # In the worker's thread: close its connection, so tests can flush the tables.
        connections.close_all()
        if task is not None and task.name == TASK:
            with self.changed:
                self.outcomes[task_id] = retval if state == "FAILURE" else None
                self.changed.notify_all()

    def wait_for_all_published(self):
        """Wait until the worker has run every task published so far; fail after TIMEOUT."""
        with self.changed:
            waiting = list(self.published)
            done = self.changed.wait_for(
                lambda: all(i in self.outcomes for i in waiting), timeout=TIMEOUT
            )
        assert done, f"The worker did not run {TASK} within {TIMEOUT} s."

    def failures(self):
        return [error for error in self.outcomes.values() if error is not None]


@pytest.fixture
def worker():
    runs = Worker()
    celery_app.control.purge()  # messages that other runs left in the queue
    after_task_publish.connect(runs.on_publish, weak=False)
    task_postrun.connect(runs.on_run, weak=False)
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield runs
    finally:
        after_task_publish.disconnect(runs.on_publish)
        task_postrun.disconnect(runs.on_run)


@pytest.fixture
def course():
    return Course.objects.create(title="Django signals in depth")


def complete(user, course):
    try:
        return complete_course(user, course)
    except EncodeError as error:
        message = f"Enqueuing failed to serialise its arguments ({error}): pass ids."
    pytest.fail(message, pytrace=False)


NOTHING_SENT = (
    "The worker sent no email at all: nothing enqueued the task. This test checks the "
    "completion_email kata with a real worker: finish that kata first (or run --solutions)."
)


def emails(mailoutbox):
    return [(m.subject, m.to) for m in mailoutbox]


def test_the_worker_finds_the_rows_of_a_committed_completion(worker, course, mailoutbox):
    # A new learner signs up and completes the course in one transaction.
    with transaction.atomic():
        ada = get_user_model().objects.create_user(username="ada", email="ada@example.com")
        complete(ada, course)
        # Hold the commit until the worker has run what was enqueued so far.
        worker.wait_for_all_published()
    worker.wait_for_all_published()

    failures = "; ".join(f"{type(e).__name__}: {str(e).rstrip('.')}" for e in worker.failures())
    assert not failures, (
        f"The worker ran {TASK} before the transaction committed and failed ({failures}). "
        "It has its own connection and sees only committed rows. Enqueue in "
        "transaction.on_commit()."
    )
    assert emails(mailoutbox), NOTHING_SENT
    assert emails(mailoutbox) == [
        ("You completed Django signals in depth!", ["ada@example.com"])
    ], (
        "Once the completion is committed, the worker should email the learner exactly once; "
        f"the outbox holds {emails(mailoutbox)}."
    )


class RolledBack(Exception):
    pass


def test_a_rolled_back_completion_is_never_emailed(worker, course, mailoutbox):
    ada = get_user_model().objects.create_user(username="ada", email="ada@example.com")
    try:
        with transaction.atomic():
            complete(ada, course)
            # Hold the rollback until the worker has run what was enqueued so far.
            worker.wait_for_all_published()
            raise RolledBack
    except RolledBack:
        pass
    # One worker, one queue, in order: once this committed completion is emailed,
    # anything the rolled-back one had enqueued has run too.
    other = Course.objects.create(title="Committed course")
    complete(ada, other)
    worker.wait_for_all_published()

    assert emails(mailoutbox), NOTHING_SENT
    assert emails(mailoutbox) == [("You completed Committed course!", ["ada@example.com"])], (
        f"Only the committed completion should be emailed; the outbox holds {emails(mailoutbox)}. "
        "A task enqueued inside the transaction ran before the rollback and emailed a "
        "completion that no longer exists. Enqueue in transaction.on_commit(): a rollback "
        "drops the callback."
    )
