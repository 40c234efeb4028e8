"""Mistake: the whole slugified title, however long, in a 50-character field.

What is wrong: slugify() does not know the field's max_length. A long title gives a
slug longer than the column: SQLite stores it anyway, PostgreSQL refuses the INSERT
(value too long for type character varying(50)) and the blog is not saved at all.
Why people write it: the usual tutorial version is one line, tried with short titles,
on SQLite, where nothing complains.

Expected message: Cut it to the field's max_length
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(pre_save, sender=Blog)
def fill_slug(sender, instance, **kwargs):
    if not instance.slug:
        instance.slug = slugify(instance.title)
