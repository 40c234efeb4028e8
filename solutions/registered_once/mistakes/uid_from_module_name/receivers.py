"""Mistake: a dispatch_uid built from `__name__`.

What is wrong: a dispatch_uid protects against a second import only if it is the
same string for every import. f"{__name__}.send_welcome_email" is
"katas.registered_once.receivers.send_welcome_email" for one import and another
string for the module imported under a second name: two keys, two receivers, two
welcome emails.
Why people write it: __name__ looks like the unique, refactoring-proof prefix that
logging uses, and with one import path it works.

Expected message: a dispatch_uid built from __name__
"""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEntry, Subscriber


@receiver(post_save, sender=Subscriber, dispatch_uid=f"{__name__}.send_welcome_email")
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
        record_signup,
        sender=Subscriber,
        weak=False,
        dispatch_uid=f"{__name__}.record_signup",
    )


connect_audit()
