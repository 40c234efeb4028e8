"""Bring members in from the old system, many rows at a time."""

from django.db import transaction
from django.db.models.signals import post_save

from .models import Member
from .muting import muted_receiver
from .receivers import WELCOME_UID, send_welcome_email


def import_members(rows):
    """Create one Member per row (a dict with "name" and "email"), all or nothing.

    Return how many members were created. A bad row (a duplicate email) raises, and
    the transaction rolls every row of this import back. Imported members get their
    membership card but no welcome email: they are not new to the club.
    """
    # One save per row, so every other post_save receiver (the card) still runs;
    # only the welcome email is silenced, and only for the length of the import.
    with (
        muted_receiver(post_save, send_welcome_email, sender=Member, dispatch_uid=WELCOME_UID),
        transaction.atomic(),
    ):
        for row in rows:
            Member.objects.create(name=row["name"], email=row["email"])
    return len(rows)
