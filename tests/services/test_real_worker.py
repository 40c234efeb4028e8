"""completion_email for real: a Celery worker on a real broker, against PostgreSQL.

The kata claims that a task enqueued inside the transaction can run before the
commit. Here a real worker (Celery's own test worker, in a thread of this process,
with its own database connection) consumes a real broker (Redis), and the test
holds the transaction open until the worker has run whatever was enqueued inside
it: the unlucky timing of a busy site, every time. The outbox is Django's locmem
one, shared with the worker thread. Each test also checks that the worker itself ran
the task, once, with the ids: a receiver that runs the task's body in the request
sends the same email and enqueues nothing.

    .ci/with-services python -m pytest tests/services/test_real_worker.py --solutions

Without --solutions it tests your katas/completion_email/receivers.py.
"""

import inspect
import logging
import threading
import traceback
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish, task_postrun
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from kombu.exceptions import EncodeError

from katas.celery import app as celery_app
from katas.completion_email.models import Course
from katas.completion_email.services import complete_course
from katas.completion_email.tasks import send_course_email

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.celery_worker,
    # The worker has its own connection: it sees only committed rows, as in production.
    # 'other' too: when it starts, the worker runs Django's system checks, and on Django 6.1
    # a JSONField's check asks every database what it supports.
    pytest.mark.django_db(transaction=True, databases=["default", "other"]),
]
TASK = "completion_email.send_course_email"
TIMEOUT = 30  # seconds for the worker to run a task; it takes milliseconds


class Worker:
    """What the real worker was given and what became of each task."""

    def __init__(self):
        self.published = []  # ids of our task's messages, in order
        self.runs = {}  # task id -> (its arguments by name, the exception it raised or None)
        self.changed = threading.Condition()

    def on_publish(self, sender=None, headers=None, **kwargs):
        if sender == TASK:
            with self.changed:
                self.published.append(headers["id"])

    def on_run(self, task_id=None, task=None, args=(), kwargs=None, state=None, retval=None, **_):
        # In the worker's thread: close its connection, so tests can flush the tables.
        connections.close_all()
        if task is not None and task.name == TASK:
            try:
                arguments = inspect.signature(send_course_email.run).bind(*args, **(kwargs or {}))
                arguments = dict(arguments.arguments)
            except TypeError:
                arguments = {"args": list(args), "kwargs": dict(kwargs or {})}
            with self.changed:
                self.runs[task_id] = (arguments, retval if state == "FAILURE" else None)
                self.changed.notify_all()

    def wait_for_all_published(self):
        """Wait until the worker has run every task published so far; fail after TIMEOUT."""
        with self.changed:
            waiting = list(self.published)
            done = self.changed.wait_for(lambda: all(i in self.runs for i in waiting), TIMEOUT)
        if not done:
            pytest.fail(f"The worker did not run {TASK} within {TIMEOUT} s.", pytrace=False)

    def ran(self):
        """The arguments of every run of our task, in the order they were published."""
        return [self.runs[i][0] for i in self.published if i in self.runs]

    def failures(self):
        return [error for _, error in self.runs.values() if error is not None]


def _held(record):
    """A filter that keeps a record from every handler (pytest's capture included)."""
    return False


@pytest.fixture
def worker():
    runs = Worker()
    celery_app.control.purge()  # messages that other runs left in the queue
    after_task_publish.connect(runs.on_publish, weak=False)
    task_postrun.connect(runs.on_run, weak=False)
    # A failing task is logged by celery.app.trace, and the worker's stderr handler and
    # pytest's log capture would each print its traceback: the test says what failed.
    trace_logger = logging.getLogger("celery.app.trace")
    trace_logger.addFilter(_held)
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield runs
    finally:
        trace_logger.removeFilter(_held)
        after_task_publish.disconnect(runs.on_publish)
        task_postrun.disconnect(runs.on_run)


@pytest.fixture
def course():
    return Course.objects.create(title="Django signals in depth")


@contextmanager
def enqueuing():
    """Turn an error of the receiver (or of its commit callback) into one line that teaches."""
    problem = None
    try:
        yield
    except EncodeError as error:
        problem = f"Enqueuing failed to serialise its arguments ({error}): pass ids."
    except TypeError as error:
        if "callable" not in str(error):
            raise
        problem = (
            f"Completing a course raised TypeError: {error} Hand transaction.on_commit() a "
            "function to call later (a lambda or functools.partial), not what .delay() returns."
        )
    if problem:
        raise pytest.fail.Exception(problem, pytrace=False) from None


def ids(user, course):
    return {"user_id": user.id, "course_id": course.id}


def emails(mailoutbox):
    return [(m.subject, m.to) for m in mailoutbox]


def describe(error):
    """The exception and the line of the task that raised it, in one line."""
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if "completion_email" in f.filename
    ]
    where = (
        f" (at {frames[-1].filename.rsplit('/katas/', 1)[-1]}:{frames[-1].lineno})"
        if frames
        else ""
    )
    return f"{type(error).__name__}: {str(error).rstrip('.')}{where}"


def not_by_the_worker(worker, expected):
    """Fail, teaching, when the worker did not run the task exactly as ``expected``."""
    ran = worker.ran()
    if not ran:
        pytest.fail(
            f"The worker never ran {TASK}: no message reached the broker. Either nothing "
            "enqueued the task (finish the completion_email kata first, or run --solutions), "
            "or the receiver ran the task's body itself: send_course_email(...) (or .apply()) "
            "runs it in the request, which then waits for the mail server. Call .delay() "
            "(in transaction.on_commit()).",
            pytrace=False,
        )
    if ran != expected:
        pytest.fail(
            f"The worker should have run {TASK} exactly with {expected}; it ran it with {ran}.",
            pytrace=False,
        )


def test_the_worker_finds_the_rows_of_a_committed_completion(worker, course, mailoutbox):
    # A new learner signs up and completes the course in one transaction.
    with enqueuing(), transaction.atomic():
        ada = get_user_model().objects.create_user(username="ada", email="ada@example.com")
        complete_course(ada, course)
        # Hold the commit until the worker has run what was enqueued so far.
        worker.wait_for_all_published()
    worker.wait_for_all_published()

    failures = "; ".join(describe(e) for e in worker.failures())
    if failures:
        pytest.fail(
            f"The worker ran {TASK} before the transaction committed and failed ({failures}). "
            "It has its own connection and sees only committed rows. Enqueue in "
            "transaction.on_commit().",
            pytrace=False,
        )
    not_by_the_worker(worker, [ids(ada, course)])
    if emails(mailoutbox) != [("You completed Django signals in depth!", ["ada@example.com"])]:
        pytest.fail(
            "Once the completion is committed, the worker should email the learner exactly "
            f"once; the outbox holds {emails(mailoutbox)}.",
            pytrace=False,
        )


class RolledBack(Exception):
    pass


def test_a_rolled_back_completion_is_never_emailed(worker, course, mailoutbox):
    ada = get_user_model().objects.create_user(username="ada", email="ada@example.com")
    try:
        with enqueuing(), transaction.atomic():
            complete_course(ada, course)
            # Hold the rollback until the worker has run what was enqueued so far.
            worker.wait_for_all_published()
            raise RolledBack
    except RolledBack:
        pass
    # One worker, one queue, in order: once this committed completion is run, anything
    # the rolled-back one had enqueued has run too.
    other = Course.objects.create(title="Committed course")
    with enqueuing():
        complete_course(ada, other)
    worker.wait_for_all_published()

    rolled_back = [run for run in worker.ran() if run == ids(ada, course)]
    failures = "; ".join(describe(e) for e in worker.failures())
    if rolled_back:
        pytest.fail(
            f"The worker ran {TASK} for the completion that was rolled back"
            + (f", and failed ({failures})" if failures else "")
            + ". It was enqueued inside the transaction, so it ran whether or not the "
            "transaction committed: here the worker could not see the uncommitted row; a task "
            "that needs no uncommitted row emails a completion that never happened. Enqueue "
            "in transaction.on_commit(): a rollback drops the callback.",
            pytrace=False,
        )
    not_by_the_worker(worker, [ids(ada, other)])
    if emails(mailoutbox) != [("You completed Committed course!", ["ada@example.com"])]:
        pytest.fail(
            "Only the committed completion should be emailed; the outbox holds "
            f"{emails(mailoutbox)}.",
            pytrace=False,
        )
