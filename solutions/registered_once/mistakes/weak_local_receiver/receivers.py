"""Mistake: a local function connected with the default weak reference.

What is wrong: record_signup exists only inside connect_audit(). By default the signal
keeps a weak reference, so when connect_audit() returns nothing keeps the function alive:
it is freed, and Django drops the dead receiver. No sign-up is ever recorded, and
nothing says so.
Why people write it: dispatch_uid fixed the duplicates, and the default weak=True is
invisible in the code.

Expected message: connect it with weak=False
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

    post_save.connect(
        record_signup, sender=Subscriber, dispatch_uid="registered_once.record_signup"
    )


connect_audit()
