"""Mistake: a pre_save receiver for every sender.

What is wrong: without ``sender=Blog`` the receiver runs before every save of every
model in the project: the first save of a user or a group fails on
``instance.slug`` (or, with a hasattr() check, the receiver quietly runs on
every write of the whole site).
Why people write it: ``@receiver(pre_save)`` is shorter, and Blog is the only model
the demo saves.

Expected message: Connect the receiver to Blog only (sender=Blog)
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(pre_save)
def fill_slug(sender, instance, raw, **kwargs):
    if raw or instance.slug:
        return
    max_length = Blog._meta.get_field("slug").max_length
    instance.slug = slugify(instance.title)[:max_length].rstrip("-")
