"""Mistake: "keep the file if more than one course uses it", counted after the delete.

What is wrong: by post_delete (and certainly by the commit) the deleted row is gone
from the table. ``count() > 1`` then means "two *other* courses use it", so a file
shared with exactly one other course is deleted.
Why people write it: it reads as if the course being deleted were still counted,
as it would be in pre_delete.

Expected message: which another course still uses
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Course


def delete_unless_shared(storage, name, using):
    if Course.objects.using(using).filter(thumbnail=name).count() <= 1:
        storage.delete(name)


@receiver(post_delete, sender=Course)
def delete_thumbnail(sender, instance, using, **kwargs):
    if instance.thumbnail:
        storage, name = instance.thumbnail.storage, instance.thumbnail.name
        transaction.on_commit(lambda: delete_unless_shared(storage, name, using), using=using)
