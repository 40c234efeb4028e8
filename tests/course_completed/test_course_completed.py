"""Define a business signal, send it from a service, receive it."""

from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.dispatch import Signal

from katas.course_completed import services
from katas.course_completed import signals as kata_signals
from katas.course_completed.models import Certificate, Course
from tests.signal_tools import call_learner, connected, modules_of

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


COMPLETE_ADVICE = {
    IntegrityError: (
        "A second certificate for the same user and course hit the unique constraint: "
        "make the receiver idempotent (get_or_create, or look before you create)."
    ),
    TypeError: (
        "The receiver and send() disagree on the arguments: send course_completed with "
        "sender=Course, user= and course=, and write the receiver as "
        "(sender, user, course, **kwargs)."
    ),
}


def complete(user, course, doing="complete_course(user, course)"):
    """Call the learner's service; an error in it, or a swallowed one, fails with advice."""
    return call_learner(doing, services.complete_course, user, course, advice=COMPLETE_ADVICE)


@pytest.mark.task(1)
def test_complete_course_sends_course_completed_with_user_and_course(learner, course):
    with spying() as sent:
        complete(learner, course)

    assert len(sent) == 1, (
        "complete_course(user, course) should send course_completed exactly once; "
        f"a receiver saw {len(sent)} sends: {sent or 'nothing'}."
    )
    sender, arguments = sent[0]
    assert sender is Course, (
        "course_completed should be sent with sender=Course (the class, as Django's model "
        f"signals do); it was sent with sender={sender!r}. A receiver connected with "
        "sender=Course hears only sends whose sender is the class: use type(course)."
    )
    # Extra keyword arguments are fine: receivers take **kwargs so that new ones break nobody.
    given = {name: arguments.get(name) for name in ("user", "course")}
    assert given == {"user": learner, "course": course}, (
        "course_completed should carry the user and the course as keyword arguments "
        f"user= and course=; a receiver got {given} (all arguments: {sorted(arguments)})."
    )


@pytest.mark.task(1)
def test_each_completion_sends_its_own_user_and_course(learner, course):
    other_learner = get_user_model().objects.create_user(username="ada")
    other_course = Course.objects.create(title="Celery")
    with spying() as sent:
        complete(learner, course)
        complete(other_learner, other_course)

    seen = [(arguments.get("user"), arguments.get("course")) for _, arguments in sent]
    assert seen == [(learner, course), (other_learner, other_course)], (
        "Each call of complete_course(user, course) should send its own user and course; "
        f"receivers saw {seen or 'nothing'}."
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
    awarded = Certificate.objects.filter(user=learner, course=course).count()
    assert awarded == 0, (
        f"With no receiver connected, complete_course() still awarded {awarded} Certificate(s): "
        "the service does the receiver's job itself. It should only announce the event; "
        "awarding certificates belongs in the receiver (receivers.py)."
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
    complete(learner, course, doing="Completing the same course a second time")

    found = Certificate.objects.filter(user=learner, course=course).count()
    assert found == 1, f"Completing a course twice should leave 1 Certificate; found {found}."


@pytest.mark.task(2)
def test_each_user_gets_a_certificate_for_each_course_they_complete(learner, course):
    other_learner = get_user_model().objects.create_user(username="ada")
    other_course = Course.objects.create(title="Celery")
    for user, completed in [(learner, course), (learner, other_course), (other_learner, course)]:
        complete(user, completed)

    awarded = sorted(Certificate.objects.values_list("user__username", "course__title"))
    expected = sorted([("grace", "Signals"), ("grace", "Celery"), ("ada", "Signals")])
    assert awarded == expected, (
        "grace completed Signals and Celery, ada completed Signals: each completion should "
        f"award its own user a Certificate for its own course; found {awarded}. Use the "
        "user and the course the signal carries."
    )


@pytest.mark.task(3)
def test_the_receiver_is_connected_at_startup():
    # This module never imports katas.course_completed.receivers.
    modules = modules_of(connected(course_completed()))
    assert "katas.course_completed.receivers" in modules, (
        f"No receiver from katas/course_completed/receivers.py is connected to course_completed "
        f"(connected: {modules or 'none'}). Use @receiver(course_completed) at module level: "
        "apps.py imports receivers.py in ready()."
    )
