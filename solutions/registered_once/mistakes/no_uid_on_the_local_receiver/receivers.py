"""Mistake: weak=False on the local receiver, but no dispatch_uid.

What is wrong: it now survives, but each call of connect_audit() defines a new
record_signup, with a new id, so each call connects one more receiver (and weak=False
keeps them all alive). A ready() that runs again doubles the audit trail.
Why people write it: the first symptom (nothing recorded) is fixed, and with one call
there is one entry.

Expected message: give the connection a dispatch_uid of its own
"""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEntry, Subscriber


@receiver(post_save, sender=Subscriber, dispatch_uid="registered_once.send_welcome_email")
def send_welcome_email(sender, instance, created, **kwargs):
    if created:
        send_mail(
            "Welcome to the newsletter",
            "Thanks for signing up! The first issue is on its way.",
            None,
            [instance.email],
        )


def connect_audit():
    def record_signup(sender, instance, created, **kwargs):
        if created:
            AuditEntry.objects.create(email=instance.email, action="subscribed")

    post_save.connect(record_signup, sender=Subscriber, weak=False)


connect_audit()
