"""Give every new user a Profile: the classic post_save receiver, done carefully."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


# The sender is the "app_label.ModelName" string, so a swapped user model works too.
# dispatch_uid keeps the receiver connected once even if this module is imported twice
# under different names (a classic source of duplicate profiles).
@receiver(
    post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="profile_on_signup.create_profile"
)
def create_profile(sender, instance, created, raw, **kwargs):
    """Create the Profile of a user that was just inserted.

    Updates (``created`` false) leave the profile alone, and so do fixture loads
    (``raw`` true): ``loaddata`` writes rows as they are in the fixture, which
    brings its own profiles, and the database may not be consistent yet.
    """
    if raw or not created:
        return
    Profile.objects.create(user=instance)
