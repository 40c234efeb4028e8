"""Mistake: invalidate on save only, and forget deletes.

What is wrong: a deleted article stays on the home page, served from the cache, until
the next save of some article happens to drop the list.
Why people write it: "the list changes when an article is saved" covers creating,
editing and unpublishing, the three cases people think of first.

Expected message: should no longer show 'One'
"""

from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .listing import CACHE_KEY
from .models import Article


def invalidate_on_commit(using=None):
    transaction.on_commit(partial(cache.delete, CACHE_KEY), using=using)


@receiver(post_save, sender=Article)
def invalidate_list_on_save(sender, using, **kwargs):
    invalidate_on_commit(using)
