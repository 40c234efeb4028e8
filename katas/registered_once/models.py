from django.db import models


class Subscriber(models.Model):
    """Someone who signed up for the newsletter."""

    email = models.EmailField(unique=True)

    def __str__(self):
        return self.email


class AuditEntry(models.Model):
    """One line of the sign-up audit trail, e.g. ("ada@example.com", "subscribed")."""

    email = models.EmailField()
    action = models.CharField(max_length=50)

    def __str__(self):
        return f"{self.email} {self.action}"
