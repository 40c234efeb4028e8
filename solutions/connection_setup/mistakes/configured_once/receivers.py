"""Mistake: configure once, and skip every later connection.

What is wrong: create_function() and SET act on one connection, not on the database.
Each thread of the web server, each worker, each reconnection after CONN_MAX_AGE opens
a new connection, which starts without them; this receiver configures only the first
connection of the process. Setting it up in AppConfig.ready() or at import has the
same flaw: it reaches the connections open at that moment, at best.
Why people write it: some settings do live in the database (PRAGMA journal_mode=WAL is
stored in the SQLite file), so "set it once at startup" seems to work, and a flag looks
like a cheap way to save a statement per connection.

Expected message: on every new SQLite connection
"""

from django.db.backends.signals import connection_created
from django.dispatch import receiver

_configured = False


def split_part(text, delimiter, field):
    if text is None or delimiter is None or field is None:
        return None
    parts = text.split(delimiter) if delimiter else [text]
    return parts[field - 1] if 0 < field <= len(parts) else ""


@receiver(connection_created)
def configure_connection(sender, connection, **kwargs):
    global _configured
    if _configured:
        return
    if connection.vendor == "sqlite":
        connection.connection.create_function("split_part", 3, split_part, deterministic=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '30s'")
    _configured = True
