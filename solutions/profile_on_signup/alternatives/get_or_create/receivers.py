"""Alternative: get_or_create on every save, instead of a ``created`` check.

Why it is correct too: get_or_create(user=instance) finds the existing profile on
later saves and leaves its data alone, so the receiver is idempotent; it also
gives a profile to an old user who had none, the first time they are saved. It
costs one SELECT per save of a user; ``raw`` must still be checked.
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="profile_on_signup.profile")
def ensure_profile(sender, instance, raw, **kwargs):
    if raw:
        return
    Profile.objects.get_or_create(user=instance)
