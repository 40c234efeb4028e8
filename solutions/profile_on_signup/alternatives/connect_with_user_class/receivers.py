"""Alternative: post_save.connect() with the user class from get_user_model().

Why it is correct too: connecting at module level of receivers.py, which apps.py
imports in ready(), is what @receiver does; by then the app registry is ready,
so get_user_model() returns the (possibly custom) user class.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from .models import Profile


def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.create(user=instance)


post_save.connect(
    create_profile, sender=get_user_model(), dispatch_uid="profile_on_signup.create_profile"
)
