"""A killed run's test database is dropped at the next run; no other database is touched."""

import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

from katas.harness.stale_databases import base_name, drop_stale

pytestmark = pytest.mark.postgres


def a_dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_the_test_databases_of_dead_runs_are_dropped():
    database = settings.DATABASES["default"]
    base = base_name(database["NAME"])
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = a_dead_pid()
    made = {
        f"test_{base}_{dead}": "dropped",  # a killed run's
        f"test_{base}_{dead}_gw1": "dropped",  # a killed xdist worker's
        f"test_{base}_{dead}_2": "dropped",  # a killed run's parallel clone
        f"test_{base}_{alive.pid}": "kept",  # a run still going
        f"test_{base}_{dead}_copy": "kept",  # not a name the runs make
        f"test_other_{dead}": "kept",  # another configured database's
        f"{base}_{dead}": "kept",
    }
    connection = psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"],
        dbname=base,
        autocommit=True,
    )
    try:
        for name in made:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

        dropped = drop_stale()

        left = {row[0] for row in connection.execute("SELECT datname FROM pg_database")}
        assert sorted(dropped) == sorted(n for n, fate in made.items() if fate == "dropped")
        for name, fate in made.items():
            assert (name in left) == (fate == "kept"), f"{name} should be {fate}"
        assert database["NAME"] in left, "this run's own test database was dropped"
    finally:
        alive.kill()
        alive.wait()
        for name in made:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.close()


def test_the_next_run_drops_a_killed_runs_test_database():
    database = settings.DATABASES["default"]
    stale = f"test_{base_name(database['NAME'])}_{a_dead_pid()}"
    connection = psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"],
        dbname=base_name(database["NAME"]),
        autocommit=True,
    )
    try:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(stale)))
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--solutions"]
            + ["tests/services/test_postgres.py::test_a_slug_longer_than_its_column_is_an_error"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        left = {row[0] for row in connection.execute("SELECT datname FROM pg_database")}

        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        assert stale not in left, f"the next run left {stale} behind"
    finally:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(stale)))
        connection.close()
