"""Receivers: give every blog a slug.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write a receiver for `pre_save` of Blog that sets `instance.slug`
#   to slugify(instance.title) when the blog has no slug yet.
#   Useful imports:
#     from django.db.models.signals import pre_save
#     from django.dispatch import receiver
#     from django.utils.text import slugify
#     from .models import Blog
#
# TODO (task 2): never overwrite a slug that is already set.
#
# TODO (task 3): the slug must fit the field's max_length.
