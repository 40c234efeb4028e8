"""Mistake: the slug is recomputed from the title on every save.

What is wrong: a slug given on purpose is replaced, and fixing a typo in a title
changes the URL of the post: every link people shared breaks.
Why people write it: the one-line version, ``instance.slug = slugify(instance.title)``,
works on the first save, which is the only one a demo shows.

Expected message: links to the old URL would break
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(pre_save, sender=Blog)
def fill_slug(sender, instance, **kwargs):
    max_length = Blog._meta.get_field("slug").max_length
    instance.slug = slugify(instance.title)[:max_length].rstrip("-")
