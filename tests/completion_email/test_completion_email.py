"""Completing a course hands the email to Celery, after the commit, by ids."""

import inspect
import traceback
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from kombu.exceptions import EncodeError

from katas.completion_email.models import Completion, Course
from katas.completion_email.services import complete_course
from katas.completion_email.signals import course_completed
from katas.completion_email.tasks import send_course_email

pytestmark = pytest.mark.django_db
TASK = "completion_email.send_course_email"


@pytest.fixture
def learner():
    return get_user_model().objects.create_user(username="ada", email="ada@example.com")


@pytest.fixture
def course():
    return Course.objects.create(title="Django signals in depth")


@contextmanager
def teaching(what):
    """Turn an error raised by the learner's receiver (or its commit callback) into a lesson.

    Wrap the whole capture block: callbacks queued with on_commit run when it exits.
    The failure hides the original error's chain, so no foreign traceback precedes it.
    """
    problem = None
    try:
        yield
    except EncodeError as error:
        problem = (
            f"{what}: Celery could not serialise the task's arguments ({error}). Pass ids "
            "(user.id, course.id), not model instances: task arguments travel as JSON."
        )
    except TypeError as error:
        if "callable" in str(error):
            problem = (
                f"{what}: on_commit(send_course_email.delay(...)) runs .delay() at once, "
                "inside the transaction, and hands transaction.on_commit() its result, an "
                "AsyncResult, instead of something to call after the commit (Django refuses "
                "it with TypeError). Pass a function, which on_commit calls later: "
                "on_commit(lambda: send_course_email.delay(user.id, course.id)) or "
                "on_commit(partial(send_course_email.delay, user.id, course.id))."
            )
        else:
            problem = (
                f"{what} raised TypeError: {error}. A receiver takes (sender, **kwargs), and the "
                "task takes ids: send_course_email.delay(user.id, course.id)."
            )
    except Exception as error:  # anything else the receiver (or a task it ran) raised
        problem = (
            f"{what} raised {type(error).__name__}: {error} (at {where(error)}). The receiver "
            "should only enqueue the task, once the transaction commits."
        )
    if problem is not None:
        # `with` runs __exit__ while the error is being handled: `from None` keeps it
        # (and the traceback of Celery's or Django's internals) out of the report.
        raise pytest.fail.Exception(problem, pytrace=False) from None


def where(error):
    """The last line of kata or solution code in ``error``'s traceback: where to look."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if "completion_email" in frame.filename and "/tests/" not in frame.filename
    ]
    if not frames:
        return "no file of the kata"
    frame = frames[-1]
    try:
        shown = Path(frame.filename).resolve().relative_to(Path.cwd())
    except ValueError:
        shown = frame.filename
    return f"{shown}:{frame.lineno}"


def calls(published):
    """Our task's messages, each as the task's arguments by name (by position or keyword)."""
    found = []
    for name, args, kwargs in published:
        if name != TASK:
            continue
        try:
            found.append(
                dict(inspect.signature(send_course_email.run).bind(*args, **kwargs).arguments)
            )
        except TypeError:
            found.append({"args": args, "kwargs": kwargs})
    return found


def expected(user, course):
    return {"user_id": user.id, "course_id": course.id}


def describe(found):
    return found or "nothing"


def sent_itself(mailoutbox):
    """What to say when the request itself sent the email (the task was called, not enqueued)."""
    if not mailoutbox:
        return ""
    return (
        f" Yet the request itself sent {len(mailoutbox)} email(s): the receiver ran the task's "
        "body in the request (send_course_email(...) or .apply()). Call .delay(), not the task "
        "function: the worker sends the email."
    )


@pytest.mark.task(1)
def test_completing_a_course_enqueues_the_email_once_with_ids(
    learner, course, published, mailoutbox, django_capture_on_commit_callbacks
):
    with teaching("Completing a course"), django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, course)

    assert calls(published) == [expected(learner, course)], (
        f"Completing a course (and committing) should enqueue {TASK} once with user_id="
        f"{learner.id}, course_id={course.id}; the broker got {describe(calls(published))}."
        + (
            sent_itself(mailoutbox)
            or " In katas/completion_email/receivers.py, receive course_completed and call "
            "send_course_email.delay(user.id, course.id)."
        )
    )


@pytest.mark.task(1)
def test_saving_the_completion_again_enqueues_nothing(
    learner, course, published, django_capture_on_commit_callbacks
):
    with teaching("Completing a course"), django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, course)
    assert len(calls(published)) == 1, (
        f"Completing a course should enqueue {TASK} once; the broker got "
        f"{describe(calls(published))}."
    )

    with teaching("Saving a Completion again"), django_capture_on_commit_callbacks(execute=True):
        completion = Completion.objects.get(user=learner, course=course)
        completion.save()

    assert len(calls(published)) == 1, (
        "Saving an existing Completion again enqueued the email again: the broker got "
        f"{describe(calls(published))}. The email is about completing the course: receive "
        "course_completed (sent once, by complete_course()), or on post_save check `created`."
    )


@pytest.mark.task(2)
def test_the_task_is_enqueued_only_after_the_commit(
    learner, course, published, django_capture_on_commit_callbacks
):
    with teaching("Completing a course"):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            complete_course(learner, course)
            before_commit = calls(published)
        for callback in callbacks:
            callback()

    assert before_commit == [], (
        "The task was enqueued before the transaction committed: a worker could run it "
        "before the Completion row exists (Completion matching query does not exist). "
        "Enqueue it in transaction.on_commit()."
    )
    assert calls(published) == [expected(learner, course)], (
        f"After the commit, {TASK} should be enqueued once; the broker got "
        f"{describe(calls(published))}."
    )


@pytest.mark.task(2)
def test_nothing_is_enqueued_when_the_transaction_rolls_back(
    learner, course, published, django_capture_on_commit_callbacks
):
    other = Course.objects.create(title="Committed course")
    with teaching("Completing a course"), django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                complete_course(learner, course)
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
        complete_course(learner, other)

    assert calls(published) == [expected(learner, other)], (
        "Only the committed completion should enqueue an email; the rolled-back one must "
        f"not. The broker got {describe(calls(published))} (expected one task for course "
        f"{other.id}). Enqueue in transaction.on_commit(): a rollback drops the callback."
    )


@pytest.mark.task(2)
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_task_is_enqueued_at_once(learner, course, published):
    # Autocommit, as in a shell or a view without ATOMIC_REQUESTS: every row is already
    # committed when the signal is sent, and on_commit() runs its function at once.
    Completion.objects.create(user=learner, course=course)
    with teaching("Sending course_completed outside a transaction"):
        course_completed.send(sender=Course, user=learner, course=course)

    assert calls(published) == [expected(learner, course)], (
        "Outside any transaction (autocommit), course_completed should enqueue the task "
        f"at once; the broker got {describe(calls(published))}. transaction.on_commit() "
        "runs its function immediately when no transaction is open: no need to special-case it."
    )


@pytest.mark.task(3)
def test_with_a_worker_the_email_lands_in_the_outbox(
    learner, course, eager, mailoutbox, django_capture_on_commit_callbacks
):
    with teaching("Completing a course"), django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, course)

    subjects = [(m.subject, m.to) for m in mailoutbox]
    assert subjects == [("You completed Django signals in depth!", ["ada@example.com"])], (
        f"With Celery running tasks eagerly, one email about the course should be sent; "
        f"the outbox holds {subjects or 'nothing'}."
    )


@pytest.mark.task(3)
def test_the_receiver_never_sends_the_email_itself(
    learner, course, published, mailoutbox, django_capture_on_commit_callbacks
):
    with teaching("Completing a course"), django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, course)

    assert mailoutbox == [], (
        f"The request itself sent {len(mailoutbox)} email(s): sending mail is the worker's "
        "job (the task), never the receiver's. Call .delay(), not the task function."
    )
    assert len(calls(published)) == 1, (
        f"Completing a course should enqueue {TASK} once; the broker got "
        f"{describe(calls(published))}."
    )
