"""Receivers: set up every new database connection, the way its vendor needs.

Django sends connection_created each time a DatabaseWrapper opens a new connection:
for every database alias, in every thread, again after a connection was closed. The
receiver configures the connection it is passed, and only with what its vendor
understands.
"""

from django.db.backends.signals import connection_created
from django.dispatch import receiver


def split_part(text, delimiter, field):
    """PostgreSQL's split_part(): the field-th part of text (from 1), '' past the last one."""
    if text is None or delimiter is None or field is None:
        return None  # like PostgreSQL: NULL in, NULL out
    parts = text.split(delimiter) if delimiter else [text]
    return parts[field - 1] if 0 < field <= len(parts) else ""


@receiver(connection_created, dispatch_uid="connection_setup.configure_connection")
def configure_connection(sender, connection, **kwargs):
    """Give each new connection what the project needs on its vendor.

    No sender filter: a backend that subclasses Django's (GeoDjango's SpatiaLite, a
    monitoring wrapper) sends its own class as the sender. `connection.vendor` is the
    same for every backend of one database.
    """
    if connection.vendor == "sqlite":
        # A Python function, known to this connection only: every new one needs it.
        connection.connection.create_function("split_part", 3, split_part, deterministic=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # For the session, not one transaction (SET LOCAL ends with it). The value is
            # written in the statement: PostgreSQL's SET takes no server-side parameter.
            cursor.execute("SET statement_timeout = '30s'")
