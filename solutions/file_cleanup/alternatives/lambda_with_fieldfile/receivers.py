"""Alternative: a lambda for on_commit, FieldFile.delete(save=False) inside it.

Why it is correct too: the lambda runs only after the commit (never after a
rollback) and asks then whether another course still uses the name;
``FieldFile.delete(save=False)`` deletes through the field's storage and does not
save the (already deleted) row. The lambda keeps the instance it closes over:
fine here, as only its file is used.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Course


@receiver(post_delete, sender=Course, dispatch_uid="file_cleanup.delete_thumbnail")
def remove_thumbnail_on_commit(sender, instance, using, **kwargs):
    thumbnail = instance.thumbnail
    if not thumbnail:
        return

    def remove_if_unused():
        if not Course.objects.using(using).filter(thumbnail=thumbnail.name).exists():
            thumbnail.delete(save=False)

    transaction.on_commit(remove_if_unused, using=using)
