"""Mistake: the receiver sets the slug and then calls save() itself, in pre_save.

What is wrong: pre_save runs before the row is written. The inner save() INSERTs
the row; then the save that sent pre_save goes on, and under create() (which
forces an INSERT) inserts the same row again: IntegrityError. Under a plain save()
it writes a second time instead.
Why people write it: "change a field, then save" is the habit everywhere else.

Expected message: Did your receiver call save() again?
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(pre_save, sender=Blog)
def fill_slug(sender, instance, raw, **kwargs):
    if raw or instance.slug:
        return
    max_length = Blog._meta.get_field("slug").max_length
    instance.slug = slugify(instance.title)[:max_length].rstrip("-")
    instance.save()
