"""Give every blog a slug, in the same INSERT that saves it."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(pre_save, sender=Blog, dispatch_uid="slug_on_save.fill_slug")
def fill_slug_pre_save(sender, instance, raw, **kwargs):
    """Set a slug from the title when the blog has none; return nothing.

    pre_save runs before the INSERT or UPDATE, so the slug is written by the same
    query. An existing slug is never touched: it is in URLs people have bookmarked.
    """
    if raw or instance.slug:
        return
    max_length = Blog._meta.get_field("slug").max_length
    # Cut, then strip a dash the cut may leave at the end ("long-title-" -> "long-title").
    instance.slug = slugify(instance.title)[:max_length].rstrip("-")
