"""Given: what happens when a member joins. Read these, do not change them.

Both receivers listen to post_save of Member, each with its own dispatch_uid. To
silence one of them you must disconnect it the way it was connected: the same
receiver, the same sender, the same dispatch_uid.
"""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Member, MembershipCard

WELCOME_UID = "muted_import.send_welcome_email"
CARD_UID = "muted_import.issue_membership_card"


@receiver(post_save, sender=Member, dispatch_uid=WELCOME_UID)
def send_welcome_email(sender, instance, created, raw, **kwargs):
    """Welcome a member who just signed up, by email."""
    if created and not raw:
        send_mail(
            "Welcome to the club",
            f"Hello {instance.name}, your membership starts today.",
            None,
            [instance.email],
        )


@receiver(post_save, sender=Member, dispatch_uid=CARD_UID)
def issue_membership_card(sender, instance, created, raw, **kwargs):
    """Every new member gets a card, imported or not."""
    if created and not raw:
        MembershipCard.objects.create(member=instance)
