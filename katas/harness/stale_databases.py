"""Drop the test databases that killed test runs left on a PostgreSQL server.

Each run names its test database after its process (``test_<name>_<pid>``: a
checker's server, and its clones ``_<slot>``, see katas.harness.databases; an inline
pytest session, see katas.harness.plugin). A run killed with ``kill -9`` never drops it, and on a
long-lived server they pile up. ``drop_stale()`` drops those of dead runs only:

- the name is exactly ``test_<name>_<pid>`` (a parallel clone's ``_<n>``, or
  pytest-xdist's ``_gw<n>``, after it too), for the configured database ``<name>``:
  never a database the runs did not make;
- the database belongs to the role the tests connect as;
- its process is gone on this machine (so only on a server of this machine: another
  machine's process ids mean nothing here), and it is not this process;
- nobody is connected to it (PostgreSQL refuses to drop a database in use).
"""

from __future__ import annotations

import os
import re

LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}


def base_name(name: str) -> str:
    """The configured name, also when Django has switched it to the test database's."""
    found = re.fullmatch(r"test_(.+?)_\d+(?:_gw\d+|_\d+)?", name)
    return found.group(1) if found else name


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def drop_stale(database: dict | None = None) -> list[str]:
    """Drop the stale test databases on ``database`` (Django's default); return their names."""
    if database is None:
        from django.conf import settings

        database = settings.DATABASES["default"]
    if "postgresql" not in database.get("ENGINE", ""):
        return []
    host = database.get("HOST") or ""
    if host not in LOCAL_HOSTS and not host.startswith("/"):
        return []
    import psycopg
    from psycopg import sql

    base = re.escape(base_name(database["NAME"]))
    made_by_runs = re.compile(rf"test_{base}_(\d+)(?:_gw\d+|_\d+)?")
    dropped = []
    with psycopg.connect(
        host=host or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        dbname=base_name(database["NAME"]),
        autocommit=True,
    ) as connection:
        names = connection.execute(
            "SELECT datname FROM pg_database WHERE pg_get_userbyid(datdba) = current_user"
        ).fetchall()
        for (name,) in names:
            found = made_by_runs.fullmatch(name)
            if not found:
                continue
            pid = int(found.group(1))
            if pid == os.getpid() or is_alive(pid):
                continue
            try:
                connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            except psycopg.errors.ObjectInUse:  # a run on another machine, or a shell on it
                continue
            dropped.append(name)
    return dropped
