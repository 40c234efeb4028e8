"""Given: the home page's list of published articles, rendered once and cached.

Rendering costs a query and some string work, and the list is read on every page
view, so it is kept in Django's cache (the default cache: local memory unless the
CACHES setting says otherwise) until someone deletes it. Deciding *when* to delete
it is your job, in receivers.py and services.py.
"""

from django.core.cache import cache
from django.utils.html import format_html_join

from .models import Article

# The one cache key of the list. Delete this key to make the next read render afresh.
CACHE_KEY = "cache_invalidation:published_articles"


def render_published_articles() -> str:
    """Render the published articles as an HTML list, straight from the database."""
    titles = Article.objects.filter(published=True).values_list("title", flat=True)
    items = format_html_join("", "<li>{}</li>", ((title,) for title in titles))
    return f"<ul>{items}</ul>"


def published_articles_html() -> str:
    """Return the cached list, rendering and caching it (with no expiry) on a miss."""
    return cache.get_or_set(CACHE_KEY, render_published_articles, timeout=None)
