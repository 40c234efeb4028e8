"""Mistake: connect the SQLite setup with sender=Django's SQLite DatabaseWrapper.

What is wrong: connection_created's sender is the class of the connection's backend,
matched exactly. A backend that subclasses Django's SQLite backend (GeoDjango's
SpatiaLite backend, a query monitoring wrapper) sends its own class: the receiver
never hears its connections, and they have no split_part(). Importing
django.db.backends.postgresql.base the same way would also need psycopg installed
wherever the code runs, SQLite or not.
Why people write it: a sender filter is how model signals are narrowed down, and the
backend class looks like the natural sender.

Expected message: subclasses Django's SQLite backend
"""

from django.db.backends.signals import connection_created
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper
from django.dispatch import receiver


def split_part(text, delimiter, field):
    if text is None or delimiter is None or field is None:
        return None
    parts = text.split(delimiter) if delimiter else [text]
    return parts[field - 1] if 0 < field <= len(parts) else ""


@receiver(connection_created, sender=SQLiteDatabaseWrapper)
def add_split_part(sender, connection, **kwargs):
    connection.connection.create_function("split_part", 3, split_part, deterministic=True)


@receiver(connection_created)
def set_statement_timeout(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '30s'")
