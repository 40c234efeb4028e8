"""Pre_save fills a slug, once, in the same INSERT, within max_length."""

import pytest
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from model_bakery import baker

from katas.slug_on_save.models import Blog

pytestmark = pytest.mark.django_db
MAX_LENGTH = Blog._meta.get_field("slug").max_length


def stored_slug(blog):
    return Blog.objects.values_list("slug", flat=True).get(pk=blog.pk)


def expect_slug_filled():
    blog = Blog.objects.create(title="Guard rails")
    assert stored_slug(blog) == "guard-rails", (
        "This test needs task 1 done first: a blog saved without a slug should get "
        f"slugify(title); it got {stored_slug(blog)!r}."
    )


@pytest.mark.task(1)
def test_a_blog_saved_without_slug_gets_one_in_the_same_insert():
    with CaptureQueriesContext(connection) as queries:
        blog = Blog.objects.create(title="Hello Signals World")

    assert stored_slug(blog) == "hello-signals-world", (
        f"A blog titled 'Hello Signals World' should be stored with slug "
        f"'hello-signals-world'; found {stored_slug(blog)!r}. Set instance.slug in a "
        "pre_save receiver for Blog."
    )
    assert len(queries) == 1, (
        f"Saving a new blog ran {len(queries)} queries instead of one INSERT: "
        f"{[query['sql'][:60] for query in queries]}. Set the slug in pre_save, before "
        "the INSERT, rather than saving again from post_save."
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


@pytest.mark.task(2)
def test_an_explicit_slug_is_kept():
    expect_slug_filled()
    blog = Blog.objects.create(title="Hello Signals World", slug="hello")

    assert stored_slug(blog) == "hello", (
        f"A slug given on create must be kept; it became {stored_slug(blog)!r}."
    )


@pytest.mark.task(2)
def test_changing_the_title_keeps_the_slug():
    expect_slug_filled()
    blog = Blog.objects.create(title="First title")
    first = stored_slug(blog)

    blog.title = "A brand new title"
    blog.save()

    assert stored_slug(blog) == first, (
        f"Changing the title changed the slug from {first!r} to {stored_slug(blog)!r}: "
        "links to the old URL would break. Only fill a slug that is empty."
    )


@pytest.mark.task(3)
def test_the_slug_fits_the_field_for_a_long_title():
    title = "A very long title about Django signals, receivers, senders and dispatch uids"
    refused = None
    try:
        with transaction.atomic():
            blog = Blog.objects.create(title=title)
    except DataError as error:  # PostgreSQL: value too long for type character varying(50)
        refused = str(error).strip()
    if refused is not None:
        pytest.fail(
            f"The database refused the blog: {refused}. The slug is longer than the "
            f"field's {MAX_LENGTH} characters (SQLite stores it anyway, PostgreSQL does not). "
            "Cut it to the field's max_length.",
            pytrace=False,
        )

    slug = stored_slug(blog)
    assert slug, "A blog saved without a slug should get one; found ''."
    assert slugify(title).startswith(slug.rstrip("-")), (
        f"The slug should be the start of slugify(title); found {slug!r}."
    )
    assert len(slug) <= MAX_LENGTH, (
        f"The slug is {len(slug)} characters; the field allows {MAX_LENGTH}. SQLite stores "
        "it anyway, PostgreSQL refuses the INSERT. Cut it to the field's max_length."
    )
