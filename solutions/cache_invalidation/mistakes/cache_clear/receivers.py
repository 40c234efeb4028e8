"""Mistake: cache.clear() instead of deleting the list's key.

What is wrong: the cache is shared by the whole site (sessions may live there, and
every other cached fragment does). Clearing it on every article save throws all of
that away and sends every page back to the database at once.
Why people write it: it is the surest way to make the stale list go, and in a test
with nothing else in the cache it looks the same as a delete.

Expected message: never cache.clear()
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Article


def invalidate_on_commit(using=None):
    transaction.on_commit(cache.clear, using=using)


@receiver(post_save, sender=Article)
def invalidate_list_on_save(sender, using, **kwargs):
    invalidate_on_commit(using)


@receiver(post_delete, sender=Article)
def invalidate_list_on_delete(sender, using, **kwargs):
    invalidate_on_commit(using)
