"""Mistake: configure django.db.connection instead of the connection the signal passes.

What is wrong: django.db.connection is always the default database's connection (of
the current thread). When the `other` database connects, the receiver looks at the
default one: it configures the wrong connection, or fails on one that is not open
yet, and `other` never gets split_part().
Why people write it: `from django.db import connection` is how most code reaches the
database, and with a single database it makes no difference.

Expected message: the connection the signal passes
"""

from django.db import connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver


def split_part(text, delimiter, field):
    if text is None or delimiter is None or field is None:
        return None
    parts = text.split(delimiter) if delimiter else [text]
    return parts[field - 1] if 0 < field <= len(parts) else ""


@receiver(connection_created)
def configure_connection(sender, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("split_part", 3, split_part, deterministic=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '30s'")
