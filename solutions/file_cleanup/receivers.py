"""Remove a course's thumbnail from storage once the course is really gone."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Course


def delete_if_orphaned(storage, name, using):
    """Delete the stored file ``name`` unless a course in database ``using`` still references it."""
    if not Course.objects.using(using).filter(thumbnail=name).exists():
        storage.delete(name)


@receiver(post_delete, sender=Course, dispatch_uid="file_cleanup.delete_thumbnail")
def delete_thumbnail_post_delete(sender, instance, using, **kwargs):
    """Schedule the thumbnail's deletion for when the delete commits.

    post_delete runs inside the transaction: the row may still come back on a
    rollback, but a deleted file never does. transaction.on_commit() waits for
    the commit (and forgets the callback on a rollback). By then the check for
    other courses sharing the file sees the committed state.
    """
    name = instance.thumbnail.name
    if not name:
        return
    # ``using`` is the database the course was deleted from: wait for *its* commit, and ask it.
    transaction.on_commit(
        partial(delete_if_orphaned, instance.thumbnail.storage, name, using), using=using
    )
