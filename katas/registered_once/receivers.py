"""Receivers: welcome every new subscriber by email, and record each sign-up.

Read README.md beside this file for the story and the tasks. Both receivers work the
first time they are connected; the bugs are in how often they are connected.
"""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEntry, Subscriber


# TODO (task 1): when this module is imported a second time under another name, this
#   decorator runs again with a NEW function object, and every subscriber gets two
#   emails. Give the connection an identity that stays the same: a `dispatch_uid`.
@receiver(post_save, sender=Subscriber)
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
    """Connect the receiver that writes an AuditEntry for each new subscriber.

    It runs when this module is imported, and again whenever the wiring is re-run
    (a ready() that runs twice in tests does exactly that).
    """

    def record_signup(sender, instance, created, **kwargs):
        if created:
            AuditEntry.objects.create(email=instance.email, action="subscribed")

    # TODO (task 2): record_signup is a local function: once connect_audit() returns,
    #   only the signal refers to it, and by default that reference is weak. Nothing is
    #   ever recorded. Keep a strong reference: weak=False.
    # TODO (task 3): each call of connect_audit() makes a new record_signup. Connect it
    #   once however often this runs: give it its own dispatch_uid.
    post_save.connect(record_signup, sender=Subscriber)


connect_audit()
