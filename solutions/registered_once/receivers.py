"""Welcome every new subscriber once, and record each sign-up once.

Each receiver is connected with a dispatch_uid: the same key however many function
objects are made for it (a module imported under two names, a function that defines
and connects a receiver each time it runs). The audit receiver is a local function,
so it is connected with weak=False: nothing else keeps it alive.
"""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEntry, Subscriber


@receiver(post_save, sender=Subscriber, dispatch_uid="registered_once.send_welcome_email")
def send_welcome_email(sender, instance, created, **kwargs):
    """Email a new subscriber once."""
    if created:
        send_mail(
            "Welcome to the newsletter",
            "Thanks for signing up! The first issue is on its way.",
            None,
            [instance.email],
        )


def connect_audit():
    """Connect the receiver that writes an AuditEntry for each new subscriber, once."""

    def record_signup(sender, instance, created, **kwargs):
        if created:
            AuditEntry.objects.create(email=instance.email, action="subscribed")

    # weak=False: a weak reference to a local function dies when connect_audit() returns.
    # dispatch_uid: the second call's record_signup is another object; the uid makes its
    # connect a no-op. (A uid of its own: two receivers of one sender never share one.)
    post_save.connect(
        record_signup,
        sender=Subscriber,
        weak=False,
        dispatch_uid="registered_once.record_signup",
    )


connect_audit()
