"""Receivers: drop the cached article list whenever an article changes.

Read README.md beside this file for the story and the tasks. The list and its
cache key are given in listing.py (CACHE_KEY, published_articles_html()).
"""

# TODO (task 1): write receivers for post_save and post_delete of Article that delete
#   the cached list, so the next read renders it afresh. Delete the list's key only:
#   other parts of the site keep their own entries in the same cache.
#   Useful imports:
#     from django.core.cache import cache
#     from django.db.models.signals import post_delete, post_save
#     from django.dispatch import receiver
#     from .listing import CACHE_KEY
#     from .models import Article
#
# TODO (task 2): delete the key only once the transaction commits, never before and
#   never after a rollback: transaction.on_commit() (from django.db import transaction).
