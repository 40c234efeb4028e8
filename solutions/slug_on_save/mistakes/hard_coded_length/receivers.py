"""Mistake: the field's max_length copied into the receiver as a number.

What is wrong: ``[:50]`` is right today; the day someone changes the field to 40,
the slugs are too long again and nothing says so. The length belongs to the
field: read it from there.
Why people write it: the number is right in front of you in models.py.

Expected message: Read the length from the field
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(pre_save, sender=Blog)
def fill_slug(sender, instance, raw, **kwargs):
    if not raw and not instance.slug:
        instance.slug = slugify(instance.title)[:50].rstrip("-")
