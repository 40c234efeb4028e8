"""Mistake: import with bulk_create(), which sends no post_save at all.

What is wrong: bulk_create() writes the rows in as few INSERTs as the database
allows (SQLite takes them in batches, within its limit on query parameters) and
sends no post_save, so the welcome email is silent, and so is
issue_membership_card: imported members have no card. A fast import that skips
every receiver is not "muting one receiver".
Why people write it: it is the usual advice for speed, and it does stop the emails.

Expected message: issued 0 membership card(s)
"""

from django.db import transaction

from .models import Member


def import_members(rows):
    with transaction.atomic():
        Member.objects.bulk_create(Member(name=row["name"], email=row["email"]) for row in rows)
    return len(rows)
