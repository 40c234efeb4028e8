"""Completing a course hands the email to Celery, after the commit, by ids."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from kombu.exceptions import EncodeError

from katas.completion_email.models import Course
from katas.completion_email.services import complete_course

pytestmark = pytest.mark.django_db
TASK = "completion_email.send_course_email"


@pytest.fixture
def learner():
    return get_user_model().objects.create_user(username="ada", email="ada@example.com")


@pytest.fixture
def course():
    return Course.objects.create(title="Django signals in depth")


def complete(user, course):
    try:
        return complete_course(user, course)
    except EncodeError as error:
        pytest.fail(
            f"Enqueuing the task failed to serialise its arguments ({error}). Pass ids "
            "(user.id, course.id), not model instances: task arguments travel as JSON.",
            pytrace=False,
        )


def ours(published):
    return [(args, kwargs) for name, args, kwargs in published if name == TASK]


@pytest.mark.task(1)
def test_completing_a_course_enqueues_the_email_once_with_ids(
    learner, course, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)

    assert ours(published) == [([learner.id, course.id], {})], (
        f"Completing a course (and committing) should enqueue {TASK} once with "
        f"({learner.id}, {course.id}); the broker got {ours(published) or 'nothing'}. "
        "Receive course_completed and call send_course_email.delay(user.id, course.id)."
    )


@pytest.mark.task(2)
def test_the_task_is_enqueued_only_after_the_commit(
    learner, course, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complete(learner, course)
        before_commit = ours(published)

    for callback in callbacks:
        callback()
    assert ours(published) == [([learner.id, course.id], {})], (
        f"After the commit, {TASK} should be enqueued once; the broker got "
        f"{ours(published) or 'nothing'}."
    )
    assert before_commit == [], (
        "The task was enqueued before the transaction committed: a worker could run it "
        "before the Completion row exists. Enqueue it in transaction.on_commit()."
    )


@pytest.mark.task(2)
def test_nothing_is_enqueued_when_the_transaction_rolls_back(
    learner, course, published, django_capture_on_commit_callbacks
):
    other = Course.objects.create(title="Committed course")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                complete(learner, course)
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
        complete(learner, other)

    assert ours(published) == [([learner.id, other.id], {})], (
        "Only the committed completion should enqueue an email; the rolled-back one must "
        f"not. The broker got {ours(published) or 'nothing'} (expected one task for course "
        f"{other.id}). Enqueue in transaction.on_commit(): a rollback drops the callback."
    )


@pytest.mark.task(3)
def test_with_a_worker_the_email_lands_in_the_outbox(
    learner, course, eager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)

    subjects = [(m.subject, m.to) for m in mailoutbox]
    assert subjects == [("You completed Django signals in depth!", ["ada@example.com"])], (
        f"With Celery running tasks eagerly, one email about the course should be sent; "
        f"the outbox holds {subjects or 'nothing'}."
    )


@pytest.mark.task(3)
def test_the_receiver_never_sends_the_email_itself(
    learner, course, published, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)

    assert len(ours(published)) == 1, (
        f"Completing a course should enqueue {TASK} once; the broker got "
        f"{ours(published) or 'nothing'}."
    )
    assert mailoutbox == [], (
        f"The request itself sent {len(mailoutbox)} email(s): sending mail is the worker's "
        "job (the task), never the receiver's. Call .delay(), not the task function."
    )
