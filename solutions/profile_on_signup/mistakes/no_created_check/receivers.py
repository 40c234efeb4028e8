"""Mistake: a Profile on every save, not only on the first.

What is wrong: post_save is sent after every save(). Without a look at ``created``
the second save of a user tries to insert a second Profile for them.
Why people write it: the usual tutorial version creates the profile on post_save and
is only ever shown with a fresh user, where it works.

Expected message: tried to create a second Profile
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, **kwargs):
    Profile.objects.create(user=instance)
