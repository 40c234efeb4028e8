"""Mistake: on_commit(cache.delete(CACHE_KEY)) instead of a callable.

What is wrong: the argument is evaluated first, so the key is deleted at once, inside
the transaction, and on_commit() receives the boolean that delete() returned. Django
refuses it with TypeError: "on_commit()'s callback must be a callable."
Why people write it: it reads like "on commit, delete the key".

Expected message: wants a function to call later
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .listing import CACHE_KEY
from .models import Article


def invalidate_on_commit(using=None):
    transaction.on_commit(cache.delete(CACHE_KEY), using=using)


@receiver(post_save, sender=Article)
def invalidate_list_on_save(sender, using, **kwargs):
    invalidate_on_commit(using)


@receiver(post_delete, sender=Article)
def invalidate_list_on_delete(sender, using, **kwargs):
    invalidate_on_commit(using)
