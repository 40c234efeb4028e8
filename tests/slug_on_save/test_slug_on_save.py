"""Pre_save fills a slug, once, in the same INSERT, within max_length."""

import pytest
from django.contrib.auth.models import Group
from django.db import DataError, IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from model_bakery import baker

from katas.slug_on_save.models import Blog
from tests.signal_tools import call_learner, learner_code

pytestmark = pytest.mark.django_db
MAX_LENGTH = Blog._meta.get_field("slug").max_length


SAVE_ADVICE = {
    IntegrityError: (
        "Did your receiver call save() again? Inside pre_save the row is not written yet: "
        "the inner save() INSERTs it, and then the outer save (create() always INSERTs) "
        "inserts the same row a second time. Set instance.slug and let the save that is "
        "running write it."
    ),
    # PostgreSQL (DATABASE_URL set) enforces max_length; SQLite stores a longer value anyway.
    DataError: (
        "The database refused the slug: it is longer than the field's max_length "
        f"({MAX_LENGTH}). SQLite stores it anyway, PostgreSQL does not. Cut it to the "
        "field's max_length."
    ),
    RecursionError: (
        "Your receiver saves the blog, which sends the signal again, which saves again...: "
        "set instance.slug in pre_save and let the save that is running write it."
    ),
}


def create_blog(doing="Blog.objects.create(...)", **fields):
    return call_learner(doing, Blog.objects.create, advice=SAVE_ADVICE, **fields)


def stored_slug(blog):
    return Blog.objects.values_list("slug", flat=True).get(pk=blog.pk)


def writes(queries):
    """The statements that changed the database (not SELECTs, not savepoints)."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]


def expect_slug_filled():
    blog = create_blog(title="Guard rails")
    assert stored_slug(blog) == "guard-rails", (
        "This test needs task 1 done first: a blog saved without a slug should get "
        f"slugify(title); it got {stored_slug(blog)!r}."
    )


@pytest.mark.task(1)
def test_a_blog_saved_without_slug_gets_one_in_the_same_insert():
    with CaptureQueriesContext(connection) as queries:
        blog = create_blog(title="Hello Signals World")

    assert stored_slug(blog) == "hello-signals-world", (
        f"A blog titled 'Hello Signals World' should be stored with slug "
        f"'hello-signals-world'; found {stored_slug(blog)!r}. Set instance.slug in a "
        "pre_save receiver for Blog."
    )
    # Reading is fine (an exists() check for a unique slug, say); writing twice is not.
    written = writes(queries)
    assert len(written) == 1, (
        f"Saving a new blog wrote to the database {len(written)} times instead of once: "
        f"{[sql[:70] for sql in written]}. A second write (an UPDATE after the INSERT) "
        "comes from saving again after the row was written, in post_save for instance. "
        "Set the slug in pre_save, before the INSERT, so the INSERT itself writes it."
    )


@pytest.mark.task(1)
def test_bulk_create_sends_no_pre_save():
    blog = baker.make(Blog, title="Made one by one", slug="")
    Blog.objects.bulk_create([Blog(title="Made in bulk")])

    assert stored_slug(blog) == "made-one-by-one", (
        f"A blog saved with save() should get its slug; found {stored_slug(blog)!r}."
    )
    # Not your bug: bulk_create (and QuerySet.update) send no pre_save at all.
    assert Blog.objects.get(title="Made in bulk").slug == ""


@pytest.mark.task(1)
def test_saving_other_models_is_left_alone():
    expect_slug_filled()
    every_sender = (
        "Connect the receiver to Blog only (sender=Blog): without a sender it runs before "
        "every save of every model in the project."
    )
    with learner_code("Saving a Group", advice={Exception: every_sender}):
        group = Group.objects.create(name="editors")

    assert not hasattr(group, "slug"), (
        f"Saving a Group gave it a slug attribute ({group.slug!r}): your receiver ran for a "
        "model that is not Blog. " + every_sender
    )


# Slugs someone chose, each one that slugify() (or a cut, or a strip) would change, and
# one already in normal form: a receiver that rewrites explicit slugs changes the first ones.
EXPLICIT_SLUGS = ["Signals-FAQ", "release-", "-draft", "hello"]


@pytest.mark.task(2)
def test_changing_the_title_keeps_the_slug():
    expect_slug_filled()
    blog = create_blog(title="First title")
    first = stored_slug(blog)

    blog.title = "A brand new title"
    with learner_code("Saving a blog with a new title", advice=SAVE_ADVICE):
        blog.save()

    assert stored_slug(blog) == first, (
        f"Changing the title changed the slug from {first!r} to {stored_slug(blog)!r}: "
        "links to the old URL would break. Only fill a slug that is empty."
    )


@pytest.mark.task(2)
def test_an_explicit_slug_is_kept():
    expect_slug_filled()
    blogs = {slug: create_blog(title="Hello Signals World", slug=slug) for slug in EXPLICIT_SLUGS}

    changed = {
        given: stored_slug(blog) for given, blog in blogs.items() if stored_slug(blog) != given
    }
    assert not changed, (
        f"A slug given on create must be kept as given; these changed: {changed}. Your "
        "receiver rewrote a slug someone chose (re-slugified, lower-cased or trimmed it): "
        "fill the slug only when it is empty (if not instance.slug:)."
    )


@pytest.mark.task(3)
def test_the_slug_fits_the_field_for_a_long_title():
    title = "A very long title about Django signals, receivers, senders and dispatch uids"
    blog = create_blog(title=title)

    slug = stored_slug(blog)
    assert slug, "A blog saved without a slug should get one; found ''."
    assert slugify(title).startswith(slug.rstrip("-")), (
        f"The slug should be the start of slugify(title); found {slug!r}."
    )
    assert len(slug) <= MAX_LENGTH, (
        f"The slug is {len(slug)} characters; the field allows {MAX_LENGTH}. SQLite stores "
        "it anyway, PostgreSQL refuses the INSERT. Cut it to the field's max_length."
    )


@pytest.mark.task(1)
def test_save_with_update_fields_writes_only_the_fields_it_names():
    expect_slug_filled()
    Blog.objects.bulk_create([Blog(title="Imported")])  # no pre_save: no slug
    blog = Blog.objects.get(title="Imported")

    blog.title = "Imported and renamed"
    with learner_code("blog.save(update_fields=['title'])", advice=SAVE_ADVICE):
        blog.save(update_fields=["title"])

    # Not your bug: pre_save ran and set blog.slug, but the UPDATE writes only "title".
    assert stored_slug(blog) == "", (
        "save(update_fields=['title']) should write the title only: a slug set in pre_save "
        f"is silently not written. Yet {stored_slug(blog)!r} was stored: does your receiver "
        "write it with a query of its own?"
    )


@pytest.mark.task(3)
def test_the_slug_follows_the_fields_max_length(monkeypatch):
    # Ask the model, not a copy of its number: the field may be changed one day.
    monkeypatch.setattr(Blog._meta.get_field("slug"), "max_length", 20)
    title = "Signals and receivers in depth"
    blog = create_blog(title=title)

    slug = stored_slug(blog)
    fits = bool(slug) and len(slug) <= 20 and slugify(title).startswith(slug.rstrip("-"))
    assert fits, (
        f"With the slug field's max_length set to 20, a blog titled {title!r} should get the "
        f"start of {slugify(title)!r}, at most 20 characters; it got {slug!r}. Read the "
        "length from the field (Blog._meta.get_field('slug').max_length), not a copy of it."
    )
