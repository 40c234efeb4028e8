"""Mistake: the file is deleted in post_delete itself, before the commit.

What is wrong: post_delete runs inside the transaction. If it rolls back (an error
later in the same request, an admin action that fails), the course comes back
and its file does not: files are not transactional.
Why people write it: it is the usual tutorial version,
``instance.thumbnail.delete(save=False)`` in post_delete, and in a demo nothing ever
rolls back.

Expected message: Delete the file in a transaction.on_commit() callback
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Course


@receiver(post_delete, sender=Course)
def delete_thumbnail(sender, instance, **kwargs):
    if instance.thumbnail:
        instance.thumbnail.delete(save=False)
