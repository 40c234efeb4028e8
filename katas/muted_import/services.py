"""Bring members in from the old system, many rows at a time.

Read README.md beside this file for the story and the tasks.
"""

from django.db import transaction

from .models import Member


def import_members(rows):
    """Create one Member per row (a dict with "name" and "email"), all or nothing.

    Return how many members were created. A bad row (a duplicate email) raises, and
    the transaction rolls every row of this import back.
    """
    # TODO (task 1): imported members must not get the welcome email. Silence
    #   send_welcome_email (see receivers.py for how it is connected) around the
    #   loop, with muted_receiver from .muting.
    #
    # TODO (task 3): keep saving one member at a time: the membership card
    #   receiver must still run for each of them.
    with transaction.atomic():
        for row in rows:
            Member.objects.create(name=row["name"], email=row["email"])
    return len(rows)
