"""Alternative: one setup function per vendor, in a table, connected with connect().

Why it is correct too: the receiver looks the connection's vendor up and runs that
vendor's setup, so each vendor gets exactly its own statements and an unknown vendor
(MySQL, Oracle) gets none. connect() with a dispatch_uid is what @receiver does.
Adding a vendor is adding a line to the table.
"""

from django.db.backends.signals import connection_created


def split_part(text, delimiter, field):
    """PostgreSQL's split_part(), for SQLite."""
    if None in (text, delimiter, field):
        return None
    parts = text.split(delimiter) if delimiter else [text]
    return parts[field - 1] if 1 <= field <= len(parts) else ""


def set_up_sqlite(connection):
    connection.connection.create_function("split_part", 3, split_part, deterministic=True)


def set_up_postgresql(connection):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout TO 30000")  # milliseconds


SETUP = {"sqlite": set_up_sqlite, "postgresql": set_up_postgresql}


def set_up_new_connection(sender, connection, **kwargs):
    setup = SETUP.get(connection.vendor)
    if setup is not None:
        setup(connection)


connection_created.connect(set_up_new_connection, dispatch_uid="connection_setup.set_up")
