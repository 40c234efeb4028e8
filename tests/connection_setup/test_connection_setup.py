"""Every new connection set up for its vendor: split_part on SQLite, a timeout on PostgreSQL.

Each test opens NEW connections, as production does: Django's connections are per
thread, so a connection opened in a new thread is new (closing one and querying again
would not do on SQLite in memory, where Django ignores close()). The databases are
`default` and `other` (katas/settings.py); with DATABASE_URL set, `default` is
PostgreSQL and `other` stays SQLite. Without a PostgreSQL server, a stand-in with
PostgreSQL's vendor plays the PostgreSQL connection (tests/connection_setup/postgresql_stand_in.py).
"""

import threading

import pytest
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.utils import load_backend

from katas.connection_setup.models import Customer
from katas.connection_setup.reports import customers_per_domain
from tests.connection_setup.postgresql_stand_in import milliseconds, new_stand_in
from tests.signal_tools import teaching_message

pytestmark = pytest.mark.django_db(databases=["default", "other"])

RECEIVERS = "katas/connection_setup/receivers.py"
CUSTOMERS = [
    ("Ada", "ada@example.com"),
    ("Grace", "grace@example.com"),
    ("Alan", "alan@example.org"),
]
REPORT = {"example.com": 2, "example.org": 1}
# What PostgreSQL's split_part() answers (checked on PostgreSQL 15 with psycopg 3).
ANSWERS = {
    ("ada@example.com", "@", 1): "ada",
    ("ada@example.com", "@", 2): "example.com",
    ("a@b@c", "@", 3): "c",
    ("ada@example.com", "@", 3): "",
    ("no-at-sign", "@", 2): "",
    (None, "@", 2): None,
}
WRAPPED_ENGINE = "tests.connection_setup.wrapped_sqlite"
TIMEOUT_MS = 30_000


def sqlite_aliases():
    return [alias for alias in settings.DATABASES if connections[alias].vendor == "sqlite"]


def first_sqlite_alias():
    """`default`, unless DATABASE_URL made it PostgreSQL: then `other`."""
    return sqlite_aliases()[0]


# --- New connections, and what the learner's code raised on them ------------------------


def on_a_new_connection(alias, work):
    """Return (value, error) of ``work(connection)``, run on a new connection to ``alias``.

    The work runs in a thread of its own: Django opens a new connection there, and sends
    connection_created for it, as it does for each thread of a web server or a worker.
    """
    outcome = {"value": None, "error": None}

    def run():
        try:
            outcome["value"] = work(connections[alias])
        except Exception as error:
            outcome["error"] = error
        finally:
            for connection in connections.all(initialized_only=True):
                if connection.connection is not None:
                    # The driver's close(): Django's ignores SQLite in memory.
                    connection.connection.close()

    thread = threading.Thread(target=run, name=f"new connection to {alias}", daemon=True)
    thread.start()
    thread.join(15)
    if thread.is_alive():
        pytest.fail(
            f"Opening a new connection to {alias!r} did not finish in 15 s: does your "
            f"receiver in {RECEIVERS} wait for something, or loop?",
            pytrace=False,
        )
    return outcome["value"], outcome["error"]


def here(work, connection):
    """Return (value, error) of ``work(connection)``, run in this thread."""
    try:
        return work(connection), None
    except Exception as error:
        return None, error


def advice_for(error, vendor, alias):
    text = str(error)
    if "no such function: split_part" in text:
        return (
            f"SQLite has no split_part(): the report's query needs one on every new SQLite "
            f"connection, this one to {alias!r} too. In {RECEIVERS}, a connection_created "
            "receiver should register it on the connection the signal passes (its "
            '`connection` argument): connection.connection.create_function("split_part", 3, '
            "your_function)."
        )
    if "user-defined function raised exception" in text:
        return (
            "Your split_part() raised an exception inside SQLite, which only says "
            '"user-defined function raised exception". Call your Python function yourself, '
            "say split_part('ada@example.com', '@', 2), to see the error: it should answer "
            "like PostgreSQL's, '' past the last part, None for a NULL."
        )
    if vendor == "sqlite" and 'near "SET"' in text:
        return (
            "SET is PostgreSQL's: SQLite has no SET statement, so this SQLite connection "
            "failed as it opened. Run SET statement_timeout only when connection.vendor == "
            '"postgresql".'
        )
    if vendor == "postgresql" and ("create_function" in text or '"PRAGMA"' in text):
        return (
            "create_function() and PRAGMA are SQLite's: your receiver ran SQLite-only code "
            "on a PostgreSQL connection, which has neither, so the connection failed as it "
            'opened. Check connection.vendor == "sqlite" first.'
        )
    if isinstance(error, AttributeError) and "'NoneType'" in text:
        return (
            "Your receiver used a connection that is not open: configure the connection the "
            "signal passes (its `connection` argument), not django.db.connection, which is "
            "always the default database's."
        )
    return None


def fail_on(error, doing, vendor, alias):
    advice = advice_for(error, vendor, alias)
    pytest.fail(
        teaching_message(doing, error, {Exception: advice} if advice else None), pytrace=False
    )


# --- What the tests do on a connection -----------------------------------------------------


def run_the_report(connection):
    """Add three customers, run the domain report, and roll the customers back."""
    alias = connection.alias
    with transaction.atomic(using=alias):
        Customer.objects.using(alias).bulk_create(
            [Customer(name=name, email=email) for name, email in CUSTOMERS]
        )
        report = customers_per_domain(using=alias)
        transaction.set_rollback(True, using=alias)
    return report


class Raised:
    """What split_part() answered when the learner's Python function raised inside SQLite."""

    def __repr__(self):
        return "an exception (SQLite: user-defined function raised exception)"


def split_part_answers(connection):
    answers = {}
    with connection.cursor() as cursor:
        for arguments in ANSWERS:
            try:
                cursor.execute("SELECT split_part(%s, %s, %s)", list(arguments))
            except DatabaseError as error:
                if "user-defined function raised exception" not in str(error):
                    raise
                answers[arguments] = Raised()
            else:
                answers[arguments] = cursor.fetchone()[0]
    return answers


def domain_of_ada(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT split_part('ada@example.com', '@', 2)")
        return cursor.fetchone()[0]


def statement_timeout(connection):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def report_on_a_new_connection(alias):
    report, error = on_a_new_connection(alias, run_the_report)
    if error is not None:
        doing = f"Running the domain report on a new connection to {alias!r}"
        fail_on(error, doing, connections[alias].vendor, alias)
    return report


def timeout_of_a_new_postgresql_connection():
    """Return (SHOW statement_timeout, where) of a new PostgreSQL connection.

    The real one when DATABASE_URL names PostgreSQL, else the stand-in.
    """
    if connections["default"].vendor == "postgresql":
        value, error = on_a_new_connection("default", statement_timeout)
        where = "a new connection to PostgreSQL (DATABASE_URL)"
    else:
        stand_in = new_stand_in()
        try:
            value, error = here(statement_timeout, stand_in)
        finally:
            stand_in.close()
        where = "a new PostgreSQL connection (a stand-in: these tests run on SQLite)"
    if error is not None:
        fail_on(error, f"Opening {where}", "postgresql", "default")
    return value, where


# --- Task 1 --------------------------------------------------------------------------------


@pytest.mark.task(1)
def test_a_new_connection_runs_the_domain_report():
    alias = first_sqlite_alias()

    report = report_on_a_new_connection(alias)

    assert report == REPORT, (
        f"On a new connection to {alias!r}, the domain report of three customers (two at "
        f"example.com, one at example.org) should be {REPORT}; it was {report}. It counts "
        "customers by split_part(email, '@', 2): check what your split_part() returns."
    )


@pytest.mark.task(1)
def test_split_part_answers_as_postgresql_does():
    alias = first_sqlite_alias()

    answers, error = on_a_new_connection(alias, split_part_answers)
    if error is not None:
        fail_on(error, f"SELECT split_part(...) on a new connection to {alias!r}", "sqlite", alias)

    wrong = {
        arguments: (answers[arguments], expected)
        for arguments, expected in ANSWERS.items()
        if answers[arguments] != expected
    }
    assert not wrong, (
        "On SQLite, split_part() should answer as PostgreSQL's does, or the report counts "
        "differently in production. Wrong answers (yours, then PostgreSQL's):\n  "
        + "\n  ".join(
            f"split_part{arguments!r}: {yours!r}, not {expected!r}"
            for arguments, (yours, expected) in wrong.items()
        )
        + "\nThe field number counts from 1; past the last part the answer is ''; a NULL "
        "argument (None) gives NULL. Call your Python function with these arguments to see "
        "what it does: SQLite shows only that it raised."
    )


@pytest.mark.task(1)
def test_every_new_connection_gets_it_not_only_the_first():
    alias = first_sqlite_alias()
    reports = []
    for _ in range(3):
        report, error = on_a_new_connection(alias, run_the_report)
        reports.append(report if error is None else f"{type(error).__name__}: {error}")
    working = sum(report == REPORT for report in reports)

    assert working == 3, (
        f"Three new connections to {alias!r}, one after the other, ran the domain report; "
        f"{working} of them could. Each new connection starts without split_part(): "
        "create_function() registers it on one connection only, so every new connection "
        "needs it, in a receiver that runs each time connection_created is sent (no "
        f"'already done' flag, no setup at import time). They gave: {reports}"
    )


# --- Task 2 --------------------------------------------------------------------------------


@pytest.mark.task(2)
def test_a_new_connection_to_every_database_runs_the_report():
    reports = {alias: report_on_a_new_connection(alias) for alias in settings.DATABASES}

    wrong = {alias: report for alias, report in reports.items() if report != REPORT}
    assert not wrong, (
        f"The domain report should be {REPORT} on a new connection to every database; "
        f"it was {wrong}. Configure the connection the signal passes, whichever database "
        "it belongs to."
    )


@pytest.mark.task(2)
def test_a_backend_that_subclasses_djangos_sqlite_backend_is_set_up_too(tmp_path):
    backend = load_backend(WRAPPED_ENGINE)
    wrapped = backend.DatabaseWrapper(
        {
            **connections["other"].settings_dict,
            "ENGINE": WRAPPED_ENGINE,
            "NAME": str(tmp_path / "wrapped.sqlite3"),
        },
        alias="wrapped",
    )
    try:
        domain, error = here(domain_of_ada, wrapped)
    finally:
        wrapped.close()
    if error is not None and "no such function: split_part" in str(error):
        pytest.fail(
            "A new connection of a backend that subclasses Django's SQLite backend (the "
            "database 'wrapped') has no split_part(). Its vendor is 'sqlite', but "
            "connection_created's sender is the backend's own class (here "
            "tests.connection_setup.wrapped_sqlite's DatabaseWrapper): a receiver connected "
            "with sender=Django's SQLite DatabaseWrapper never hears it, and one that picks "
            "databases by alias misses it too. GeoDjango's SpatiaLite backend and query "
            "monitoring wrappers are such subclasses. Connect without a sender and check "
            "connection.vendor.",
            pytrace=False,
        )
    if error is not None:
        doing = "Opening a connection of a subclass of the SQLite backend"
        fail_on(error, doing, "sqlite", "wrapped")
    assert domain == "example.com", (
        "On a connection of a subclassed SQLite backend, split_part('ada@example.com', '@', "
        f"2) answered {domain!r}, not 'example.com': the same function as on the other "
        "SQLite connections?"
    )


# --- Task 3 --------------------------------------------------------------------------------


@pytest.mark.task(3)
def test_a_new_postgresql_connection_gets_a_30_second_statement_timeout():
    value, where = timeout_of_a_new_postgresql_connection()

    assert milliseconds(value) == TIMEOUT_MS, (
        f"SHOW statement_timeout on {where} says {value!r}; it should say '30s'. In the "
        'receiver, when connection.vendor == "postgresql", run SET statement_timeout = '
        "'30s' on the connection the signal passes (a SET LOCAL, or set_config(..., true), "
        "lasts only until the end of a transaction)."
    )


@pytest.mark.task(3)
def test_sqlite_connections_run_nothing_of_postgresqls():
    value, where = timeout_of_a_new_postgresql_connection()
    assert milliseconds(value) == TIMEOUT_MS, (
        f"This test needs the PostgreSQL part of task 3 first: SHOW statement_timeout on "
        f"{where} says {value!r}, not '30s'."
    )

    reports = {alias: report_on_a_new_connection(alias) for alias in sqlite_aliases()}

    assert all(report == REPORT for report in reports.values()), (
        f"With the PostgreSQL setup in place, new SQLite connections should still run the "
        f"report ({REPORT}); they gave {reports}."
    )
