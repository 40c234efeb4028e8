"""Mistake: one dispatch_uid for two different receivers of the same sender.

What is wrong: the lookup key is (dispatch_uid, sender). The audit receiver's key is the
welcome email's key, so Django thinks it is already connected and skips it, silently:
no sign-up is ever recorded.
Why people write it: a uid copied from the receiver above, or one uid "for this app".

Expected message: a uid already taken for the same sender makes the connect a silent no-op
"""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEntry, Subscriber

UID = "registered_once"


@receiver(post_save, sender=Subscriber, dispatch_uid=UID)
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

    post_save.connect(record_signup, sender=Subscriber, weak=False, dispatch_uid=UID)


connect_audit()
