"""Define a business signal, send it from a service, receive it."""

from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.dispatch import Signal

from katas.course_completed import services
from katas.course_completed import signals as kata_signals
from katas.course_completed.models import Certificate, Course
from tests.signal_tools import connected, modules_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return get_user_model().objects.create_user(username="grace")


@pytest.fixture
def course():
    return Course.objects.create(title="Signals")


def course_completed() -> Signal:
    signal = getattr(kata_signals, "course_completed", None)
    if not isinstance(signal, Signal):
        pytest.fail(
            "katas/course_completed/signals.py should define `course_completed = Signal()`; "
            f"found {signal!r}.",
            pytrace=False,
        )
    return signal


@contextmanager
def spying():
    """Connect a receiver of our own for the block; yield its calls as (sender, kwargs)."""
    calls = []

    def spy(sender, **kwargs):
        calls.append((sender, {k: v for k, v in kwargs.items() if k != "signal"}))

    signal = course_completed()  # inside the test: a missing signal is a failure, not an error
    signal.connect(spy, weak=False, dispatch_uid="tests.spy")
    try:
        yield calls
    finally:
        signal.disconnect(dispatch_uid="tests.spy")


def complete(user, course):
    try:
        return services.complete_course(user, course)
    except IntegrityError as error:
        pytest.fail(
            f"complete_course() raised IntegrityError ({error}): a second certificate for the "
            "same user and course. Make the receiver idempotent.",
            pytrace=False,
        )
    except TypeError as error:
        # A receiver and the send() disagree on the keyword arguments (user=, course=).
        pytest.fail(
            f"complete_course() raised TypeError ({error}): send course_completed with "
            "sender=Course, user= and course=, and write the receiver as "
            "(sender, user, course, **kwargs).",
            pytrace=False,
        )


@pytest.mark.task(1)
def test_complete_course_sends_course_completed_with_user_and_course(learner, course):
    with spying() as sent:
        complete(learner, course)

    assert sent == [(Course, {"user": learner, "course": course})], (
        "complete_course(user, course) should send course_completed once with "
        f"sender=Course, user= and course=; a receiver saw {sent or 'nothing'}."
    )


@pytest.mark.task(1)
def test_complete_course_works_and_sends_with_no_receiver_connected(learner, course):
    signal = course_completed()
    saved = signal.receivers
    signal.receivers = []
    signal.sender_receivers_cache.clear()
    try:
        complete(learner, course)  # must not fail with nobody listening
        calls = []
        signal.connect(lambda sender, **kw: calls.append(sender), weak=False)
        complete(learner, course)
    finally:
        signal.receivers = saved
        signal.sender_receivers_cache.clear()
    assert calls == [Course], (
        f"complete_course() should send course_completed every time; a receiver saw {calls}."
    )


@pytest.mark.task(2)
def test_completing_a_course_awards_one_certificate(learner, course):
    complete(learner, course)

    found = Certificate.objects.filter(user=learner, course=course).count()
    assert found == 1, (
        f"Completing a course should award exactly 1 Certificate; found {found}. Write a "
        "receiver of course_completed in katas/course_completed/receivers.py."
    )


@pytest.mark.task(2)
def test_completing_the_same_course_twice_leaves_one_certificate(learner, course):
    complete(learner, course)
    complete(learner, course)

    found = Certificate.objects.filter(user=learner, course=course).count()
    assert found == 1, f"Completing a course twice should leave 1 Certificate; found {found}."


@pytest.mark.task(3)
def test_the_receiver_is_connected_at_startup():
    # This module never imports katas.course_completed.receivers.
    modules = modules_of(connected(course_completed()))
    assert "katas.course_completed.receivers" in modules, (
        f"No receiver from katas/course_completed/receivers.py is connected to course_completed "
        f"(connected: {modules or 'none'}). Use @receiver(course_completed) at module level: "
        "apps.py imports receivers.py in ready()."
    )
