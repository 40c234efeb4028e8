"""m2m_changed keeps Course.student_count right: add, remove, set and clear, from both sides."""

import re
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from katas.enrolment_count.models import Course, Student, Tag

pytestmark = pytest.mark.django_db


def change(what: str, action):
    """Run a change of a relation; turn an error from the learner's receiver into a lesson."""
    failure = None
    try:
        return action()
    except TypeError as error:
        failure = (
            f"{what} raised TypeError: {error}. If that is about pk_set: it is None for "
            "pre_clear and post_clear (the rows it would name are about to go, or gone)."
        )
    except Exception as error:  # the learner's receiver may raise anything
        failure = (
            f"{what} raised {type(error).__name__}: {error}. That came from your receiver in "
            "katas/enrolment_count/receivers.py."
        )
    pytest.fail(failure, pytrace=False)


def students(*names):
    return [Student.objects.create(name=name) for name in names]


def courses(*titles):
    return [Course.objects.create(title=title) for title in titles]


def counts(*found) -> dict:
    """Return {title: student_count as stored in the database} of the given courses."""
    stored = dict(Course.objects.values_list("pk", "student_count"))
    return {course.title: stored[course.pk] for course in found}


def expect_adds_counted():
    """Fail with a pointer to task 1 while adding students is not counted yet."""
    [course] = courses("Guard")
    change("course.students.add(...)", lambda: course.students.add(*students("G1", "G2")))
    found = counts(course)["Guard"]
    assert found == 2, (
        f"This test needs task 1 done first: adding 2 students to a course should make its "
        f"student_count 2; it is {found}."
    )
    course.delete()


@contextmanager
def course_updates():
    """Yield the list of UPDATE statements on the course table run within the block."""
    found = []
    with CaptureQueriesContext(connection) as captured:
        yield found
    table = re.escape(connection.ops.quote_name(Course._meta.db_table))
    found.extend(q["sql"] for q in captured if re.match(rf"\s*UPDATE\s+{table}\s", q["sql"], re.I))


# Task 1 ---------------------------------------------------------------------------------


@pytest.mark.task(1)
def test_adding_students_to_a_course_counts_them():
    [signals] = courses("Signals")
    ada, grace, alan = students("Ada", "Grace", "Alan")

    change("signals.students.add(ada, grace)", lambda: signals.students.add(ada, grace.pk))
    after_two = counts(signals)["Signals"]
    change("signals.students.add(alan)", lambda: signals.students.add(alan))
    after_three = counts(signals)["Signals"]

    assert (after_two, after_three) == (2, 3), (
        "Adding 2 students to a course (one as an object, one as a pk), then 1 more, should "
        f"store student_count 2, then 3; stored {after_two}, then {after_three}. Connect a "
        "receiver to m2m_changed with sender=Course.students.through and act on 'post_add'."
    )


@pytest.mark.task(1)
def test_adding_an_enrolled_student_again_changes_nothing():
    [signals] = courses("Signals")
    ada, grace = students("Ada", "Grace")
    change("signals.students.add(ada, grace)", lambda: signals.students.add(ada, grace))

    change("signals.students.add(ada) again", lambda: signals.students.add(ada))

    found = counts(signals)["Signals"]
    assert found == 2, (
        f"Adding a student who is already enrolled should leave student_count at 2; it is "
        f"{found}. Count what is in the join table, or count pk_set of post_add only (it "
        "holds the students actually added)."
    )


@pytest.mark.task(1)
def test_the_database_counts_not_a_stale_course_in_memory():
    [signals] = courses("Signals")
    stale = Course.objects.get(pk=signals.pk)  # loaded now: student_count 0, never refreshed
    ada, grace = students("Ada", "Grace")

    change("signals.students.add(ada)", lambda: signals.students.add(ada))
    change("stale.students.add(grace)", lambda: stale.students.add(grace))

    found = counts(signals)["Signals"]
    assert found == 2, (
        "Two requests each add one student to the same course, through two Course objects "
        f"loaded before either add: student_count should be 2, it is {found}. The second "
        "object's student_count is stale; writing `instance.student_count + 1` back with "
        "save() loses the first add. Let the database count: a recount or "
        "update(student_count=F('student_count') + ...)."
    )


# Task 2 ---------------------------------------------------------------------------------


@pytest.mark.task(2)
def test_removing_students_from_a_course_uncounts_them():
    [signals] = courses("Signals")
    ada, grace, alan = students("Ada", "Grace", "Alan")
    change("signals.students.add(...)", lambda: signals.students.add(ada, grace, alan))

    change("signals.students.remove(ada, grace)", lambda: signals.students.remove(ada, grace))

    found = counts(signals)["Signals"]
    assert found == 1, (
        f"3 students enrolled, 2 removed: student_count should be 1; it is {found}. "
        "remove() sends m2m_changed with action 'pre_remove', then 'post_remove'."
    )


@pytest.mark.task(2)
def test_removing_a_student_who_is_not_enrolled_changes_nothing():
    [signals] = courses("Signals")
    ada, grace, alan = students("Ada", "Grace", "Alan")
    change("signals.students.add(ada, grace)", lambda: signals.students.add(ada, grace))

    change("signals.students.remove(ada, alan)", lambda: signals.students.remove(ada, alan))

    found = counts(signals)["Signals"]
    assert found == 1, (
        "Ada and Grace enrolled; remove(ada, alan) removes Ada only (Alan was never enrolled): "
        f"student_count should be 1; it is {found}. pk_set of a remove holds every pk you "
        "passed to remove(), enrolled or not: count the join table instead of pk_set."
    )


@pytest.mark.task(2)
def test_set_replaces_the_students_and_the_count_follows():
    [signals] = courses("Signals")
    ada, grace, alan, barbara = students("Ada", "Grace", "Alan", "Barbara")
    change("signals.students.add(ada, grace)", lambda: signals.students.add(ada, grace))

    change(
        "signals.students.set([grace, alan, barbara])",
        lambda: signals.students.set([grace, alan, barbara]),
    )
    after_set = counts(signals)["Signals"]
    change("signals.students.set([])", lambda: signals.students.set([]))
    after_empty = counts(signals)["Signals"]

    assert (after_set, after_empty) == (3, 0), (
        "Ada and Grace enrolled, then set([grace, alan, barbara]), then set([]): student_count "
        f"should be 3, then 0; it was {after_set}, then {after_empty}. set() removes the "
        "students that are not in the new list (post_remove) and adds the new ones (post_add)."
    )


# Task 3 ---------------------------------------------------------------------------------


@pytest.mark.task(3)
def test_a_student_joining_several_courses_counts_in_each():
    signals, celery, django = courses("Signals", "Celery", "Django")
    ada, grace = students("Ada", "Grace")

    change("ada.courses.add(signals, celery)", lambda: ada.courses.add(signals, celery))
    change("grace.courses.add(signals)", lambda: grace.courses.add(signals))

    found = counts(signals, celery, django)
    assert found == {"Signals": 2, "Celery": 1, "Django": 0}, (
        "Ada joins Signals and Celery from her side (ada.courses.add(...)), Grace joins "
        f"Signals: the counts should be Signals 2, Celery 1, Django 0; they are {found}. From "
        "the student's side `reverse` is True, `instance` is the Student and pk_set holds "
        "the Course pks."
    )


@pytest.mark.task(3)
def test_a_student_leaving_or_switching_courses_updates_each():
    signals, celery, django = courses("Signals", "Celery", "Django")
    ada, grace = students("Ada", "Grace")
    change("ada.courses.add(signals, celery)", lambda: ada.courses.add(signals, celery))
    change("grace.courses.add(signals, celery)", lambda: grace.courses.add(signals, celery))

    change("ada.courses.remove(signals)", lambda: ada.courses.remove(signals))
    change("grace.courses.set([celery, django])", lambda: grace.courses.set([celery, django]))

    found = counts(signals, celery, django)
    assert found == {"Signals": 0, "Celery": 2, "Django": 1}, (
        "Ada and Grace in Signals and Celery; Ada leaves Signals (ada.courses.remove), Grace "
        "switches to Celery and Django (grace.courses.set): the counts should be Signals 0, "
        f"Celery 2, Django 1; they are {found}. With `reverse` True, update every course "
        "in pk_set."
    )


# Task 4 ---------------------------------------------------------------------------------


@pytest.mark.task(4)
def test_clearing_a_course_sets_its_count_to_zero():
    signals, celery = courses("Signals", "Celery")
    ada, grace = students("Ada", "Grace")
    change("signals.students.add(ada, grace)", lambda: signals.students.add(ada, grace))
    change("celery.students.add(ada)", lambda: celery.students.add(ada))

    change("signals.students.clear()", lambda: signals.students.clear())

    found = counts(signals, celery)
    assert found == {"Signals": 0, "Celery": 1}, (
        "signals.students.clear() should make Signals' student_count 0 and leave Celery at 1; "
        f"found {found}. clear() sends 'pre_clear' and 'post_clear', with pk_set=None."
    )


@pytest.mark.task(4)
def test_a_student_leaving_every_course_uncounts_them_all():
    signals, celery, django = courses("Signals", "Celery", "Django")
    ada, grace = students("Ada", "Grace")
    change("ada.courses.add(signals, celery)", lambda: ada.courses.add(signals, celery))
    change("grace.courses.add(signals, django)", lambda: grace.courses.add(signals, django))

    change("ada.courses.clear()", lambda: ada.courses.clear())

    found = counts(signals, celery, django)
    assert found == {"Signals": 1, "Celery": 0, "Django": 1}, (
        "Ada (Signals, Celery) and Grace (Signals, Django); then ada.courses.clear(): the "
        f"counts should be Signals 1, Celery 0, Django 1; they are {found}. When "
        "'post_clear' is sent the rows are already gone, and pk_set is None: remember Ada's "
        "courses in 'pre_clear', then recount them in 'post_clear'."
    )


@pytest.mark.task(4)
def test_set_with_clear_counts_the_new_students():
    [signals] = courses("Signals")
    ada, grace, alan = students("Ada", "Grace", "Alan")
    change("signals.students.add(ada, grace)", lambda: signals.students.add(ada, grace))

    change(
        "signals.students.set([alan], clear=True)",
        lambda: signals.students.set([alan], clear=True),
    )

    found = counts(signals)["Signals"]
    assert found == 1, (
        "Ada and Grace enrolled, then set([alan], clear=True): student_count should be 1; it "
        f"is {found}. set(clear=True) calls clear() (pre_clear, post_clear), then add()."
    )


# Task 5 ---------------------------------------------------------------------------------


@pytest.mark.task(5)
def test_changing_a_courses_tags_leaves_the_count_alone():
    expect_adds_counted()
    [signals] = courses("Signals")
    [ada] = students("Ada")
    change("signals.students.add(ada)", lambda: signals.students.add(ada))
    beginner, backend = Tag.objects.create(name="beginner"), Tag.objects.create(name="backend")

    with course_updates() as updates:
        change("signals.tags.add(...)", lambda: signals.tags.add(beginner, backend))
        change("signals.tags.remove(...)", lambda: signals.tags.remove(backend))
        change("backend.courses.add(signals)", lambda: backend.courses.add(signals))
        change("signals.tags.clear()", lambda: signals.tags.clear())

    found = counts(signals)["Signals"]
    assert found == 1, (
        "One student enrolled, then tags added, removed and cleared: student_count should "
        f"stay 1; it is {found}. m2m_changed is sent for every many-to-many relation: connect "
        "with sender=Course.students.through, the join table of the enrolment relation."
    )
    assert not updates, (
        f"Changing a course's tags updated the course table {len(updates)} time(s), e.g. "
        f"{updates[0][:150]!r}. The count stayed right, but your receiver runs on every "
        "many-to-many change of the project: connect with sender=Course.students.through."
    )


@pytest.mark.task(5)
def test_other_apps_many_to_many_changes_are_left_alone():
    expect_adds_counted()
    [signals] = courses("Signals")
    [ada] = students("Ada")
    change("signals.students.add(ada)", lambda: signals.students.add(ada))
    user = get_user_model().objects.create_user(username="ada")
    editors = Group.objects.create(name="editors")

    with course_updates() as updates:
        change("user.groups.add(editors)", lambda: user.groups.add(editors))
        change("editors.user_set.clear()", lambda: editors.user_set.clear())

    found = counts(signals)["Signals"]
    assert (found, updates) == (1, []), (
        "Adding a user to a group and clearing the group (auth's own many-to-many relation) "
        f"should not touch any course; Signals' student_count is {found} (was 1), and the "
        f"course table was updated {len(updates)} time(s). Connect with "
        "sender=Course.students.through."
    )
