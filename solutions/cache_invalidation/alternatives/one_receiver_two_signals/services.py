"""Services: the editors' bulk actions on articles."""

from django.core.cache import cache
from django.db import transaction

from .listing import CACHE_KEY
from .models import Article


def publish_articles(ids) -> int:
    changed = Article.objects.filter(pk__in=list(ids), published=False).update(published=True)
    # update() sends no post_save: drop the list here, on commit, like the receiver does.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return changed
