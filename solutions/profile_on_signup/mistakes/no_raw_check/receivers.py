"""Mistake: no look at ``raw``, so fixture loads create profiles too.

What is wrong: loaddata saves each user with ``raw=True`` and ``created=True``. The
receiver creates a Profile for it; then the fixture's own profile for the same
user collides with it (IntegrityError), and a fixture of users only gets
profiles it never asked for.
Why people write it: ``raw`` is the least known argument of post_save, and fixtures
are loaded long after the receiver was written.

Expected message: Saves with raw=True should be left alone
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, **kwargs):
    if created:
        Profile.objects.create(user=instance)
