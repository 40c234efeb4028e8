"""Alternative: a unique slug, with an exists() query before the INSERT.

Why it is correct too: the receiver reads (one SELECT per candidate) but still
writes nothing itself: the slug goes into the row with the same INSERT. A suffix
keeps it unique and within max_length. (Only a unique constraint makes this safe
against two concurrent saves; the model here has none.)
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


def unique_slug(blog, max_length):
    base = slugify(blog.title)[:max_length].rstrip("-")
    slug, number = base, 2
    others = Blog.objects.exclude(pk=blog.pk) if blog.pk else Blog.objects.all()
    while others.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
        number += 1
    return slug


@receiver(pre_save, sender=Blog, dispatch_uid="slug_on_save.unique_slug")
def fill_unique_slug(sender, instance, raw, **kwargs):
    if raw or instance.slug:
        return
    instance.slug = unique_slug(instance, Blog._meta.get_field("slug").max_length)
