"""Mistake: a second receiver that saves the profile on every save of the user.

What is wrong: ``instance.profile.save()`` assumes every user has a profile. Users
made before the receiver existed, by bulk_create or by a fixture have none, and
saving one of them raises RelatedObjectDoesNotExist. And ``instance.profile`` is
the copy cached on the user object: saving it writes its stale fields over
whatever changed in the database since (a bio edited elsewhere is lost). It also
writes the profile on every login (``last_login`` is a save of the user).
Why people write it: the usual tutorial version pairs create_profile with this
save_profile receiver, and on fresh users it works.

Expected message: this user has none
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw, **kwargs):
    if created and not raw:
        Profile.objects.create(user=instance)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def save_profile(sender, instance, raw, **kwargs):
    if not raw:
        instance.profile.save()
