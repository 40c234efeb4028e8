from django.conf import settings
from django.db import models


class Profile(models.Model):
    """The extra data every user has: one row per user, created when the user signs up."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    bio = models.TextField(blank=True)

    def __str__(self):
        return f"Profile of {self.user}"
