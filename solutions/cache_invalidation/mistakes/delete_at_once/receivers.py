"""Mistake: delete the cached list at once, inside the transaction.

What is wrong: the receiver runs before the commit. A request that reads the list in
between misses the cache, renders the rows it can see (the old ones) and caches them;
then the commit lands and nothing ever deletes that stale copy. After a rollback the
list was dropped for nothing.
Why people write it: the one-line version, cache.delete() in post_save, passes every
test that runs outside a transaction, and in autocommit it even looks right.

Expected message: while the transaction was still open
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .listing import CACHE_KEY
from .models import Article


def invalidate_on_commit(using=None):
    # Despite its name (services.py imports it), it deletes at once.
    cache.delete(CACHE_KEY)


@receiver(post_save, sender=Article)
def invalidate_list_on_save(sender, **kwargs):
    cache.delete(CACHE_KEY)


@receiver(post_delete, sender=Article)
def invalidate_list_on_delete(sender, **kwargs):
    cache.delete(CACHE_KEY)
