"""Post_delete removes the stored file, after the commit, and only if unused."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from katas.file_cleanup.models import Course
from tests.signal_tools import learner_code

pytestmark = pytest.mark.django_db


def course_with_file(title="Signals 101", using="default"):
    course = Course(title=title)
    course.thumbnail.save(
        f"{title.lower().replace(' ', '-')}.png", ContentFile(b"\x89PNG"), save=False
    )
    course.save(using=using)
    assert default_storage.exists(course.thumbnail.name)
    return course


DELETE_ADVICE = {
    ValueError: (
        "A course without a thumbnail has an empty name, and storage.delete('') (or "
        "FieldFile.delete()) refuses it. Check `if instance.thumbnail:` (or its name) "
        "before deleting or scheduling anything."
    ),
    TypeError: (
        "transaction.on_commit() takes a function to call later: pass the function "
        "itself (a lambda, or functools.partial(storage.delete, name)), not the result "
        "of calling it now."
    ),
}


def deleting(doing):
    """The block deletes courses and commits: an error there, callbacks included, teaches."""
    return learner_code(doing, advice=DELETE_ADVICE)


def expect_files_removed(capture_on_commit):
    """Fail with a pointer to task 1 when deleting a course does not remove its file yet."""
    course = course_with_file("Guard")
    name = course.thumbnail.name
    with deleting("Deleting a course and committing"), capture_on_commit(execute=True):
        course.delete()
    assert not default_storage.exists(name), (
        "This test needs the first part of task 1 done first: deleting a course with a "
        f"thumbnail (and committing) should remove its file {name!r} from storage; it is "
        "still there."
    )


def expect_removed(name, how):
    assert not default_storage.exists(name), (
        f"{how}, its thumbnail {name!r} should be gone from storage (MEDIA_ROOT); it is "
        "still there. Is your post_delete receiver for Course connected and deleting "
        "the file through its storage?"
    )


@pytest.mark.task(1)
def test_deleting_a_course_removes_its_thumbnail(django_capture_on_commit_callbacks):
    course = course_with_file()
    name = course.thumbnail.name

    with (
        deleting("Deleting a course and committing"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        course.delete()

    expect_removed(name, "After deleting the course and committing")


@pytest.mark.task(1)
def test_a_course_without_thumbnail_deletes_cleanly(django_capture_on_commit_callbacks):
    expect_files_removed(django_capture_on_commit_callbacks)
    plain = Course.objects.create(title="No picture")

    # The commit is inside the block: an on_commit callback that fails is caught too.
    with (
        deleting("Deleting a course without a thumbnail (and committing)"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        plain.delete()

    assert not Course.objects.filter(pk=plain.pk).exists(), (
        "The course without a thumbnail should be deleted."
    )


@pytest.mark.task(1)
def test_a_queryset_delete_removes_every_file(django_capture_on_commit_callbacks):
    names = [course_with_file(f"Course {n}").thumbnail.name for n in range(3)]

    with (
        deleting("Course.objects.all().delete()"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        Course.objects.all().delete()

    left = [name for name in names if default_storage.exists(name)]
    assert left == [], (
        f"Course.objects.all().delete() left {len(left)} of 3 files in storage: {left}. "
        "QuerySet.delete() sends post_delete for every row."
    )


@pytest.mark.task(2)
def test_the_file_stays_until_the_transaction_commits(django_capture_on_commit_callbacks):
    course = course_with_file()
    name = course.thumbnail.name

    with (
        deleting("Deleting a course"),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        course.delete()
        still_there = default_storage.exists(name)

    with deleting("Running the on_commit callbacks of the delete"):
        for callback in callbacks:
            callback()
    expect_removed(name, "Once the delete committed")
    assert still_there, (
        "The file was deleted while the transaction was still open. If it rolls back, "
        "the course comes back and its file does not. Delete the file in a "
        "transaction.on_commit() callback (katas/file_cleanup/receivers.py)."
    )


@pytest.mark.task(2)
def test_a_rolled_back_delete_keeps_the_file(django_capture_on_commit_callbacks):
    kept = course_with_file("Kept")
    gone = course_with_file("Gone")
    kept_name, gone_name = kept.thumbnail.name, gone.thumbnail.name

    with deleting("Deleting courses"), django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                kept.delete()
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
        gone.delete()

    assert Course.objects.filter(title="Kept").exists()
    expect_removed(gone_name, "After a committed delete")
    assert default_storage.exists(kept_name), (
        "A delete that was rolled back removed the file anyway: the course is back, its "
        "thumbnail is not. Delete the file in a transaction.on_commit() callback."
    )


@pytest.mark.task(2)
@pytest.mark.django_db(transaction=True)
def test_in_autocommit_the_file_is_gone_when_delete_returns():
    # No transaction open: delete() runs in an atomic block of its own, and Django runs
    # the on_commit callbacks when that block commits, before delete() returns.
    course = course_with_file("Autocommit")
    name = course.thumbnail.name

    with deleting("Deleting a course in autocommit"):
        course.delete()

    expect_removed(name, "Outside any transaction, once course.delete() has returned")


@pytest.mark.task(2)
@pytest.mark.django_db(databases=["default", "other"])
def test_a_delete_in_another_database_waits_for_that_databases_commit(
    django_capture_on_commit_callbacks,
):
    expect_files_removed(django_capture_on_commit_callbacks)
    course = course_with_file("Elsewhere", using="other")
    name = course.thumbnail.name

    with (
        deleting("Deleting a course from the database 'other'"),
        django_capture_on_commit_callbacks(using="other", execute=True),
    ):
        course.delete()

    assert not default_storage.exists(name), (
        f"A course deleted from the database 'other' kept its file {name!r} after 'other' "
        "committed. post_delete passes `using`, the database the row was deleted from: "
        "Pass using=using to transaction.on_commit() (and query that database), or the "
        "callback waits for the commit of the default database instead."
    )


@pytest.mark.task(3)
def test_a_file_shared_by_another_course_is_kept(django_capture_on_commit_callbacks):
    original = course_with_file("Original")
    copy = Course.objects.create(title="Copy", thumbnail=original.thumbnail.name)
    name = original.thumbnail.name

    with deleting("Deleting a course"), django_capture_on_commit_callbacks(execute=True):
        original.delete()
    shared_kept = default_storage.exists(name)
    with deleting("Deleting its copy"), django_capture_on_commit_callbacks(execute=True):
        copy.delete()

    expect_removed(name, "After deleting the last course that uses it")
    assert shared_kept, (
        f"Deleting one course removed {name!r}, which another course still uses. Check that "
        "no other Course references the file before deleting it."
    )
