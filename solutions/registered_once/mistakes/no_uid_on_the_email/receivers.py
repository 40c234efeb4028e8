"""Mistake: the welcome email receiver has no dispatch_uid.

What is wrong: without a dispatch_uid Django keys a receiver by id(function) and
id(sender). A second import of this module (under another name) runs the decorator again
with a new function object: a second key, a second receiver, a second email.
Why people write it: Django does ignore the same function connected twice, so it looks
safe; a second import makes a different function.

Expected message: Django keys a receiver by the id of the function unless you give it a dispatch_uid
"""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEntry, Subscriber


@receiver(post_save, sender=Subscriber)
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
        record_signup, sender=Subscriber, weak=False, dispatch_uid="registered_once.record_signup"
    )


connect_audit()
