"""Mistake: the slug is filled in post_save, then the blog is saved a second time.

What is wrong: post_save runs after the INSERT, so the slug needs a second query
(an UPDATE), and the second save sends pre_save and post_save all over again
(guarded here by the slug being set, or it would recurse forever).
Why people write it: "after the blog is saved" feels like the moment to finish it,
and the result in the database looks the same.

Expected message: wrote to the database 2 times
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.text import slugify

from .models import Blog


@receiver(post_save, sender=Blog)
def fill_slug(sender, instance, raw, **kwargs):
    if raw or instance.slug:
        return
    max_length = Blog._meta.get_field("slug").max_length
    instance.slug = slugify(instance.title)[:max_length].rstrip("-")
    instance.save(update_fields=["slug"])
