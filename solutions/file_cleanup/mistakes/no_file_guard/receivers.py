"""Mistake: every deleted course schedules a file deletion, with or without a file.

What is wrong: a course without a thumbnail has the name ''. The callback asks the
storage to delete '', and it refuses (ValueError) when the transaction commits,
after the course itself is gone: the error surfaces far from the receiver.
Why people write it: every course in the demo has a picture.

Expected message: Deleting a course without a thumbnail (and committing) raised ValueError
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Course


def delete_if_orphaned(storage, name, using):
    if not Course.objects.using(using).filter(thumbnail=name).exists():
        storage.delete(name)


@receiver(post_delete, sender=Course)
def delete_thumbnail(sender, instance, using, **kwargs):
    storage, name = instance.thumbnail.storage, instance.thumbnail.name
    transaction.on_commit(lambda: delete_if_orphaned(storage, name, using), using=using)
