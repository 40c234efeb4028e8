"""The cached article list is dropped after every committed change, and only then."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from katas.cache_invalidation.listing import CACHE_KEY, published_articles_html
from katas.cache_invalidation.models import Article
from katas.cache_invalidation.services import publish_articles

pytestmark = pytest.mark.django_db


def attempt(action, what):
    """Run ``action``; turn an error of the learner's code into a failure that says so."""
    try:
        return action()
    except Exception as error:  # the learner's receivers may raise anything
        problem = f"{type(error).__name__}: {error}"
    hint = ""
    if "callable" in problem:
        hint = (
            " transaction.on_commit() wants a function to call later: "
            "on_commit(lambda: cache.delete(CACHE_KEY)), not on_commit(cache.delete(CACHE_KEY)), "
            "which deletes at once and hands on_commit the result."
        )
    pytest.fail(f"{what} raised {problem}.{hint}", pytrace=False)


def create(title, published=True):
    """Create an article; an error of the learner's receivers fails with a teaching message."""
    return attempt(
        lambda: Article.objects.create(title=title, published=published), "Creating an article"
    )


def primed():
    """Render the list once so that it sits in the cache; return what was cached."""
    html = published_articles_html()
    assert cache.get(CACHE_KEY) == html, (
        "listing.published_articles_html() should leave the list in the cache under "
        "listing.CACHE_KEY; it did not. listing.py is given: restore it (git checkout)."
    )
    return html


def current_html():
    """The list as a visitor gets it; it must be HTML, whatever the cache holds."""
    html = published_articles_html()
    if not isinstance(html, str):
        pytest.fail(
            f"published_articles_html() returned {html!r} instead of the rendered list: the "
            "cache holds that value under CACHE_KEY. Delete the key (cache.delete(CACHE_KEY)); "
            "do not store None or anything else in it.",
            pytrace=False,
        )
    return html


def shown(title):
    return f"<li>{title}</li>" in current_html()


CHANGED = "Delete the cache key (listing.CACHE_KEY) when an article changes."
UPDATED = (
    "QuerySet.update() sends no post_save, so your receivers never ran: "
    "publish_articles() has to drop the list itself."
)


def expect_shown(title, after, hint=CHANGED):
    html = current_html()
    assert f"<li>{title}</li>" in html, (
        f"After {after}, the article list should show {title!r}; it still serves the cached "
        f"copy: {html}. {hint}"
    )


def expect_gone(title, after):
    html = current_html()
    assert f"<li>{title}</li>" not in html, (
        f"After {after}, the article list should no longer show {title!r}; it still serves "
        f"the cached copy: {html}. Delete the cache key (listing.CACHE_KEY) when an "
        "article changes."
    )


def expect_invalidation_works(capture):
    """Fail with a pointer to task 1 while a committed save leaves the list stale."""
    primed()
    with capture(execute=True):
        create("Guard")
    assert shown("Guard"), (
        "This test needs task 1 done first: after a committed save of a published article "
        "the list should show it; it still serves the cached copy."
    )
    Article.objects.filter(title="Guard").delete()
    cache.delete(CACHE_KEY)


@pytest.mark.task(1)
def test_a_new_published_article_appears_after_the_commit(django_capture_on_commit_callbacks):
    create("Old news")
    primed()

    with django_capture_on_commit_callbacks(execute=True):
        create("Signals in depth")

    expect_shown("Signals in depth", "creating a published article and committing")


@pytest.mark.task(1)
def test_editing_and_unpublishing_show_after_the_commit(django_capture_on_commit_callbacks):
    article = create("Draft title")
    primed()

    article.title = "Final title"
    with django_capture_on_commit_callbacks(execute=True):
        attempt(article.save, "Saving an edited article")
    expect_shown("Final title", "renaming an article and committing")

    article.published = False
    with django_capture_on_commit_callbacks(execute=True):
        attempt(article.save, "Saving an unpublished article")
    expect_gone("Final title", "unpublishing the article and committing")


@pytest.mark.task(1)
def test_deleted_articles_leave_the_list_after_the_commit(django_capture_on_commit_callbacks):
    one = create("One")
    create("Two")
    create("Three")
    primed()

    with django_capture_on_commit_callbacks(execute=True):
        attempt(one.delete, "Deleting an article")
    expect_gone("One", "deleting the article and committing")

    with django_capture_on_commit_callbacks(execute=True):
        attempt(lambda: Article.objects.filter(title="Two").delete(), "QuerySet.delete()")
    expect_gone("Two", "Article.objects.filter(...).delete() and the commit (it sends post_delete)")


@pytest.mark.task(1)
def test_only_the_list_is_dropped_and_only_for_articles(django_capture_on_commit_callbacks):
    expect_invalidation_works(django_capture_on_commit_callbacks)
    cache.set("menu", "<nav>the site menu</nav>", timeout=None)
    list_html = primed()

    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.create(name="editors")
    kept_list = cache.get(CACHE_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        create("News")

    assert cache.get("menu") == "<nav>the site menu</nav>", (
        "Saving an article also threw away another entry of the cache (the key 'menu'). "
        "Delete the list's key, cache.delete(CACHE_KEY), never cache.clear(): the cache is "
        "shared by the whole site."
    )
    assert kept_list == list_html, (
        "Saving a Group (not an article) dropped the cached article list. Connect your "
        "receivers with sender=Article, so other models' saves leave the list alone."
    )


@pytest.mark.task(2)
def test_nothing_is_dropped_before_the_commit(django_capture_on_commit_callbacks):
    before = primed()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        create("Breaking")
        during = cache.get(CACHE_KEY)
    for callback in callbacks:
        callback()

    expect_shown("Breaking", "the commit")
    assert during == before, (
        "The cached list was deleted while the transaction was still open. Until the "
        "commit, other requests still read the old rows: delete the key in a "
        "transaction.on_commit() callback."
    )


@pytest.mark.task(2)
def test_a_stale_render_never_survives_the_commit(django_capture_on_commit_callbacks):
    create("Yesterday")
    stale = primed()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        create("Today")
        # Meanwhile another request misses the cache and renders the rows it can see:
        # the committed ones, without "Today". It caches that render.
        cache.set(CACHE_KEY, stale, timeout=None)
    for callback in callbacks:
        callback()

    expect_shown(
        "Today",
        "the commit (a request that read the list while the transaction was open cached "
        "the old rows again, and only a delete after the commit drops that copy)",
    )


@pytest.mark.task(2)
def test_a_rolled_back_change_drops_nothing(django_capture_on_commit_callbacks):
    article = create("Stays")
    before = primed()

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                create("Never")
                attempt(article.delete, "Deleting")
                raise RuntimeError("roll back")
        except RuntimeError:
            pass

    assert cache.get(CACHE_KEY) == before, (
        "A save and a delete that were rolled back dropped the cached list anyway: nothing "
        "changed in the database, yet the next request pays for a fresh render. Delete the "
        "key in a transaction.on_commit() callback, which a rollback discards."
    )
    expect_invalidation_works(django_capture_on_commit_callbacks)


def drafts(*titles):
    return [create(title, published=False).pk for title in titles]


@pytest.mark.task(3)
def test_publish_articles_shows_them_after_the_commit(django_capture_on_commit_callbacks):
    ids = drafts("Alpha", "Beta")
    primed()

    with django_capture_on_commit_callbacks(execute=True):
        changed = attempt(lambda: publish_articles(ids), "publish_articles()")

    expect_shown("Alpha", "publish_articles() and the commit", UPDATED)
    expect_shown("Beta", "publish_articles() and the commit", UPDATED)
    assert changed == 2, (
        f"publish_articles() of 2 drafts should still return how many rows changed (2); "
        f"it returned {changed!r}."
    )


@pytest.mark.task(3)
def test_publish_articles_drops_the_list_only_after_the_commit(
    django_capture_on_commit_callbacks,
):
    ids = drafts("Gamma")
    stale = primed()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attempt(lambda: publish_articles(ids), "publish_articles()")
        during = cache.get(CACHE_KEY)
        cache.set(CACHE_KEY, stale, timeout=None)  # another request caches the old rows
    for callback in callbacks:
        callback()

    expect_shown("Gamma", "publish_articles() and the commit", UPDATED)
    assert during == stale, (
        "publish_articles() deleted the cached list before the transaction committed; "
        "delete it on commit, as your receivers do."
    )


@pytest.mark.task(3)
def test_a_rolled_back_publish_drops_nothing(django_capture_on_commit_callbacks):
    ids = drafts("Delta")
    before = primed()

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                attempt(lambda: publish_articles(ids), "publish_articles()")
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    rolled_back = cache.get(CACHE_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        attempt(lambda: publish_articles(ids), "publish_articles()")

    expect_shown("Delta", "publish_articles() and the commit", UPDATED)
    assert rolled_back == before, (
        "A publish_articles() that was rolled back dropped the cached list anyway; drop it "
        "in a transaction.on_commit() callback."
    )


@pytest.mark.task(3)
def test_publish_articles_stays_one_update(django_capture_on_commit_callbacks):
    ids = drafts("Epsilon", "Zeta", "Eta")
    primed()

    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        attempt(lambda: publish_articles(ids), "publish_articles()")

    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    expect_shown("Epsilon", "publish_articles() and the commit", UPDATED)
    assert len(writes) == 1, (
        f"publish_articles() of 3 articles ran {len(writes)} UPDATE queries; it should stay "
        "one QuerySet.update(). Saving each article would wake your receivers, but costs a "
        "query per row: keep the update and drop the list yourself."
    )
