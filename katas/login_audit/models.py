from django.conf import settings
from django.db import models


class Login(models.Model):
    """One successful login: who, when, and from which address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_logins"
    )
    at = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} logged in at {self.at} from {self.ip or 'an unknown address'}"


class Logout(models.Model):
    """One logout of a logged-in user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_logouts"
    )
    at = models.DateTimeField()

    def __str__(self):
        return f"{self.user} logged out at {self.at}"


class FailedLogin(models.Model):
    """Failed login attempts for one username (which may belong to no user at all)."""

    username = models.CharField(max_length=150, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.attempts} failed login(s) for {self.username!r}"
