"""Mistake: on_commit() and the query without the ``using`` the signal passes.

What is wrong: with more than one database, a course deleted from another one
schedules its callback on the default database's transaction: the file goes when
*that* one commits (or never, if it rolls back), and the "still used?" question
is asked of the wrong database.
Why people write it: with one database, ``using`` is always "default" and leaving
it out changes nothing, until a second database arrives.

Expected message: Pass using=using to transaction.on_commit()
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Course


def delete_if_orphaned(storage, name):
    if not Course.objects.filter(thumbnail=name).exists():
        storage.delete(name)


@receiver(post_delete, sender=Course)
def delete_thumbnail(sender, instance, **kwargs):
    if instance.thumbnail:
        storage, name = instance.thumbnail.storage, instance.thumbnail.name
        transaction.on_commit(lambda: delete_if_orphaned(storage, name))
