"""Alternative: ask about other courses in post_delete, schedule only orphaned files.

Why it is correct too: in post_delete the deleted row is already gone from the
table (for this transaction), so ``exists()`` answers "does another course use the
file?" right away; only the deletion itself waits for the commit. (Asking in the
callback, as the reference does, also sees courses that other transactions
committed in the meantime.)
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Course


@receiver(post_delete, sender=Course, dispatch_uid="file_cleanup.delete_thumbnail")
def delete_orphaned_thumbnail(sender, instance, using, **kwargs):
    name = instance.thumbnail.name
    if not name or Course.objects.using(using).filter(thumbnail=name).exists():
        return
    storage = instance.thumbnail.storage
    transaction.on_commit(lambda: storage.delete(name), using=using)
