"""Alternative: pre_save.connect() at module level, the length read through ``sender``.

Why it is correct too: ``sender`` is the Blog class, so ``sender._meta`` is the same
field as ``Blog._meta``; connecting at module level of receivers.py, which apps.py
imports in ready(), is what @receiver does.
"""

from django.db.models.signals import pre_save
from django.utils.text import slugify

from .models import Blog


def fill_slug(sender, instance, raw=False, **kwargs):
    if raw or instance.slug:
        return
    max_length = sender._meta.get_field("slug").max_length
    instance.slug = slugify(instance.title)[:max_length].strip("-")


pre_save.connect(fill_slug, sender=Blog, dispatch_uid="slug_on_save.fill_slug")
