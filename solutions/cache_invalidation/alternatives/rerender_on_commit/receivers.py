"""Alternative: render the fresh list on commit and store it, instead of deleting it.

Why it is correct too: the new render is made after the commit, from committed rows,
and replaces whatever a concurrent request cached. The next reader finds a warm
cache. The cost moves to the writer, which renders once per commit even when nobody
reads the list before the next change. Like the delete, it leaves a narrow window:
two commits close together can store the older render last, and with no expiry it
stays; a timeout (or versioned keys) is the backstop, as the README says.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .listing import CACHE_KEY, render_published_articles
from .models import Article


def refresh_list():
    cache.set(CACHE_KEY, render_published_articles(), timeout=None)


@receiver(post_save, sender=Article, dispatch_uid="cache_invalidation.saved")
def refresh_list_on_save(sender, using, **kwargs):
    transaction.on_commit(refresh_list, using=using)


@receiver(post_delete, sender=Article, dispatch_uid="cache_invalidation.deleted")
def refresh_list_on_delete(sender, using, **kwargs):
    transaction.on_commit(refresh_list, using=using)
