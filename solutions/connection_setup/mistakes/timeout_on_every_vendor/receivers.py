"""Mistake: run SET statement_timeout on every connection, whatever its vendor.

What is wrong: SET is PostgreSQL's. SQLite has no SET statement: the receiver raises
"near "SET": syntax error" as each SQLite connection opens, so on the developers'
machines and in the test suite nothing works any more.
Why people write it: the timeout is a production concern, written by someone who
tried it on PostgreSQL only; "it is only one harmless statement".

Expected message: SQLite has no SET
"""

from django.db.backends.signals import connection_created
from django.dispatch import receiver


def split_part(text, delimiter, field):
    if text is None or delimiter is None or field is None:
        return None
    parts = text.split(delimiter) if delimiter else [text]
    return parts[field - 1] if 0 < field <= len(parts) else ""


@receiver(connection_created)
def configure_connection(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("split_part", 3, split_part, deterministic=True)
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '30s'")
