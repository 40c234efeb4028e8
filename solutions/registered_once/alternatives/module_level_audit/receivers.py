"""Alternative: record_signup at module level; connect_audit() connects that one function.

Why it is correct too: the module keeps the function alive, so the default weak reference
is enough, and every call of connect_audit() connects the same object: Django already
skips that. The dispatch_uid is still needed for the day the module is imported under
a second name, which makes a second record_signup.
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


def record_signup(sender, instance, created, **kwargs):
    if created:
        AuditEntry.objects.create(email=instance.email, action="subscribed")


def connect_audit():
    post_save.connect(
        record_signup, sender=Subscriber, dispatch_uid="registered_once.record_signup"
    )


connect_audit()
