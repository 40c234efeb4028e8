"""Alternative: two receivers, each returning early unless the vendor is its own; set_config().

Why it is correct too: each receiver hears every new connection and acts only on its
vendor's. The PostgreSQL one uses the DB-API cursor of the connection directly and
PostgreSQL's set_config(name, value, false), which is SET as a function call (false:
for the session, not only the current transaction). The SQLite function is written
with str.partition-style slicing; its answers are PostgreSQL's.
"""

from django.db.backends.signals import connection_created
from django.dispatch import receiver


def split_part(text, delimiter, field):
    if text is None or delimiter is None or field is None:
        return None
    if not delimiter:
        return text if field == 1 else ""
    for _ in range(field - 1):
        _, found, text = text.partition(delimiter)
        if not found:
            return ""
    return text.partition(delimiter)[0] if field >= 1 else ""


@receiver(connection_created, dispatch_uid="connection_setup.sqlite_functions")
def add_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function("split_part", 3, split_part, deterministic=True)


@receiver(connection_created, dispatch_uid="connection_setup.postgresql_timeout")
def limit_postgresql_statements(sender, connection, **kwargs):
    if connection.vendor != "postgresql":
        return
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", ["30s"])
    finally:
        cursor.close()
