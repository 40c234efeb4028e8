"""Drop the cached article list after every committed change to an article."""

from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .listing import CACHE_KEY
from .models import Article


def invalidate_on_commit(using=None):
    """Delete the list's key once the current transaction commits (at once in autocommit).

    Deleting earlier would let a request that reads between our delete and our commit
    cache the old rows again, and nothing would ever delete that stale copy. After a
    rollback nothing changed, so nothing is deleted.
    """
    transaction.on_commit(partial(cache.delete, CACHE_KEY), using=using)


@receiver(post_save, sender=Article, dispatch_uid="cache_invalidation.saved")
def invalidate_list_on_save(sender, using, **kwargs):
    """An article was inserted or updated: the list may show it differently now."""
    invalidate_on_commit(using)


@receiver(post_delete, sender=Article, dispatch_uid="cache_invalidation.deleted")
def invalidate_list_on_delete(sender, using, **kwargs):
    """An article was deleted (one by one, or by QuerySet.delete(), which sends this per row)."""
    invalidate_on_commit(using)
