"""Mistake: on commit, yes, but without asking whether another course uses the file.

What is wrong: a copied course points at the same stored name as its original.
Deleting the copy deletes the file, and the original shows a broken image.
Why people write it: "one course, one file" is what the upload form suggests;
copies and imports that share a name come later.

Expected message: which another course still uses
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Course


@receiver(post_delete, sender=Course)
def delete_thumbnail(sender, instance, using, **kwargs):
    if instance.thumbnail:
        storage, name = instance.thumbnail.storage, instance.thumbnail.name
        transaction.on_commit(partial(storage.delete, name), using=using)
