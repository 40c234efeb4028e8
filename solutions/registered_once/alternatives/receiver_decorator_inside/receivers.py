"""Alternative: @receiver on the local function, with weak=False and a dispatch_uid.

Why it is correct too: @receiver passes its keyword arguments on to connect(), so
`@receiver(post_save, sender=..., weak=False, dispatch_uid=...)` is the same connect
as the reference's call, written as a decorator.
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
    @receiver(
        post_save,
        sender=Subscriber,
        weak=False,
        dispatch_uid="registered_once.record_signup",
    )
    def record_signup(sender, instance, created, **kwargs):
        if created:
            AuditEntry.objects.create(email=instance.email, action="subscribed")


connect_audit()
