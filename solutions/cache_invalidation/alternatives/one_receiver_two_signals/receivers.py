"""Alternative: one receiver connected to both post_save and post_delete.

Why it is correct too: @receiver accepts a list of signals; the receiver's job is the
same for both ("an article changed"), and the lambda given to on_commit deletes the key
only after the commit.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .listing import CACHE_KEY
from .models import Article


@receiver([post_save, post_delete], sender=Article, dispatch_uid="cache_invalidation.changed")
def drop_article_list(sender, using, **kwargs):
    transaction.on_commit(lambda: cache.delete(CACHE_KEY), using=using)
