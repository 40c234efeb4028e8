"""Mistake: register the SQLite function on every connection, guarding only the PostgreSQL SET.

What is wrong: create_function() belongs to Python's sqlite3 connections. On
PostgreSQL, connection.connection is psycopg's Connection, which has no
create_function: the receiver raises AttributeError while the connection opens, and
every query of the site fails with it. On the developers' SQLite it always works.
Why people write it: the usual tutorial version registers SQLite functions and PRAGMAs
without a vendor check, since the tutorial's project only ever runs SQLite; the
PostgreSQL branch was added later, with its own check.

Expected message: on a PostgreSQL connection
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
    connection.connection.create_function("split_part", 3, split_part, deterministic=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '30s'")
