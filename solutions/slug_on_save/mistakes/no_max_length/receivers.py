"""Mistake: the whole slugified title, however long.

What is wrong: a title of 80 characters gives a slug of about 80; the field allows
50. SQLite stores it anyway (it ignores max_length), so development looks fine;
PostgreSQL refuses the INSERT with DataError in production.
Why people write it: slugify() looks like all there is to it, and SQLite never
complains.

Expected message: Cut it to the field's max_length
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(pre_save, sender=Blog)
def fill_slug(sender, instance, raw, **kwargs):
    if not raw and not instance.slug:
        instance.slug = slugify(instance.title)
