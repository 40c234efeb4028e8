"""The test databases of a checker: set up once by its server, used by every child.

On SQLite (the default) the test databases live in memory: the server creates them
once and each forked child works on its own copy of the process's memory.

On a database server (``DATABASE_URL``) a fork cannot copy a database: the server
creates the test database once, then a clone of it per slot (one slot per child that
may run at the same time, as Django's parallel test runner does), named after the
server's process id: ``test_<name>_<pid>_<slot>``. A child takes its job's slot,
empties it first (a child killed mid-test may have left rows behind), and never meets
another child's data. The server drops them all when it ends; ones left by a server
that was killed are dropped by the next server, when their process is gone.
"""

from __future__ import annotations

import contextlib
import os


def on_a_server() -> bool:
    return bool(os.environ.get("DATABASE_URL"))


class Databases:
    """The test databases a server set up for its children."""

    def __init__(self, old_config, slots: int):
        self.old_config = old_config
        self.slots = slots

    def use_slot(self, slot: int, flush: bool) -> None:
        """In a child: connect to ``slot``'s databases (emptied first if ``flush``).

        Called before the child imports any learner module.
        """
        if not on_a_server():
            return  # SQLite in memory: this process's copy is the child's own
        from django.core.management import call_command
        from django.db import connections

        for alias in connections:
            connection = connections[alias]
            if connection.vendor == "sqlite":
                continue
            if self.slots > 1:  # one slot: the test database itself, no clone
                connection.creation.setup_worker_connection(slot + 1)
            if flush:
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    verbosity=0,
                    inhibit_post_migrate=True,
                )
            # Connected now, before any learner module is imported: as when pytest-django
            # sets the test database up, no kata receiver meets this connection's start.
            connection.ensure_connection()

    def tear_down(self) -> None:
        """In the server, when it ends: drop the databases it made."""
        if not on_a_server():
            return
        from django.test.utils import teardown_databases

        with contextlib.suppress(Exception):
            teardown_databases(self.old_config, verbosity=0, parallel=self.slots)


def set_up(slots: int) -> Databases:
    """Create the test databases (no migration files, no post_migrate receiver); return them."""
    from django.db import connections
    from django.db.models.signals import post_migrate
    from django.test.utils import setup_databases

    from katas.harness import internals
    from katas.harness.isolation import silenced

    if on_a_server():
        _name_after_this_process()
        _drop_stale()
    internals.disable_migrations()
    with silenced(post_migrate):
        old_config = setup_databases(
            verbosity=0,
            interactive=False,
            aliases=set(connections),
            parallel=slots if on_a_server() else 0,
        )
    if on_a_server():
        for alias in connections:  # a connection never crosses a fork: children open their own
            if connections[alias].vendor != "sqlite":
                connections[alias].close()
    return Databases(old_config, slots)


def _name_after_this_process() -> None:
    from django.conf import settings

    for config in settings.DATABASES.values():
        if "sqlite" not in config["ENGINE"]:
            config.setdefault("TEST", {})["NAME"] = f"test_{config['NAME']}_{os.getpid()}"


def _drop_stale() -> None:
    """Drop the test databases that killed runs of this machine left (never another's)."""
    from django.conf import settings

    from katas.harness.stale_databases import drop_stale

    for config in settings.DATABASES.values():
        with contextlib.suppress(Exception):  # a cleanup must never stop a check
            drop_stale(config)
