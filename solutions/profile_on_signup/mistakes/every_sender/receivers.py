"""Mistake: a receiver for every sender.

What is wrong: without ``sender=``, the receiver hears post_save of every model in
the project. Saving a Group (or a Profile) with ``created=True`` makes it create a
"Profile" for that Group, which fails (or worse, on another model with a user
field, succeeds).
Why people write it: ``@receiver(post_save)`` is shorter, and the only model in the
demo is the user.

Expected message: Connect it to the user model only
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


@receiver(post_save)
def create_profile(sender, instance, created, raw, **kwargs):
    if created and not raw:
        Profile.objects.create(user=instance)
