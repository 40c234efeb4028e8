"""Mistake: slugify every slug, the given one too, "to keep them clean".

What is wrong: a slug someone chose is rewritten: "Signals-FAQ" becomes
"signals-faq", "release-" becomes "release". The URL they announced is not the one
stored. Only a slug already in normal form ("hello") survives, which is why a test
with such a slug cannot see it.
Why people write it: slugify(instance.slug or instance.title) is one line, and it
seems to protect the URLs from whatever people type.

Expected message: rewrote a slug someone chose
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(pre_save, sender=Blog, dispatch_uid="slug_on_save.fill_slug")
def fill_slug_pre_save(sender, instance, raw, **kwargs):
    if raw:
        return
    max_length = Blog._meta.get_field("slug").max_length
    instance.slug = slugify(instance.slug or instance.title)[:max_length].rstrip("-")
