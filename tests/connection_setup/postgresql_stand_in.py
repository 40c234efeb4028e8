"""A PostgreSQL connection for the runs that have no PostgreSQL server.

The kata's tests run on SQLite unless DATABASE_URL names a PostgreSQL database (README,
"Real services"); then they use the real one. Without it, a receiver's PostgreSQL
branch would never run, and a receiver that runs SQLite-only code on every vendor would
never fail. This stand-in is a Django DatabaseWrapper whose vendor is "postgresql": its
connect() is Django's own, so it sends connection_created like any backend. Its
connection answers the way psycopg and PostgreSQL do for what a connection_created
receiver runs:

- ``SET [SESSION] name = value`` (or ``TO value``), ``SELECT set_config('name', value,
  false)`` and ``RESET name`` change a setting of this connection; ``SET LOCAL`` and
  ``set_config(..., true)`` outside a transaction change nothing; ``SHOW name`` reads it
  (``statement_timeout`` as PostgreSQL shows it: '0', '30s', '1500ms');
- ``PRAGMA ...`` fails with PostgreSQL's syntax error;
- the DB-API connection (``connection.connection``) has no ``create_function``, like
  psycopg's (AttributeError: 'Connection' object has no attribute 'create_function');
- any other statement is recorded and returns no rows.
"""

from __future__ import annotations

import re

import django.db.utils
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.client import BaseDatabaseClient
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.backends.base.features import BaseDatabaseFeatures
from django.db.backends.base.introspection import BaseDatabaseIntrospection
from django.db.backends.base.operations import BaseDatabaseOperations

TIME_UNITS_MS = {"ms": 1, "s": 1000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}
DEFAULTS = {"statement_timeout": "0"}

SET = re.compile(r"SET\s+(?:(SESSION|LOCAL)\s+)?(\w+)\s*(?:=|\s+TO\s+)\s*(.+)", re.I | re.S)
SET_CONFIG = re.compile(
    r"SELECT\s+(?:pg_catalog\.)?set_config\s*\(\s*'(\w+)'\s*,\s*(.+?)\s*,\s*(\w+)\s*\)", re.I | re.S
)
SHOW = re.compile(r"SHOW\s+(\w+)", re.I)
RESET = re.compile(r"RESET\s+(\w+)", re.I)


def milliseconds(value: str) -> int | None:
    """Return a time setting in ms ('30s', '30 s', '30000', 30000, '0.5min'), or None."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*", str(value))
    if not match:
        return None
    return round(float(match.group(1)) * TIME_UNITS_MS[match.group(2) or "ms"])


def shown(ms: int) -> str:
    """Return a time in ms the way PostgreSQL's SHOW prints it: the largest exact unit."""
    if ms == 0:
        return "0"
    for unit in ("d", "h", "min", "s"):
        if ms % TIME_UNITS_MS[unit] == 0:
            return f"{ms // TIME_UNITS_MS[unit]}{unit}"
    return f"{ms}ms"


def _literal(value) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(value)


def _bind(sql: str, params) -> str:
    """Put the parameters into the SQL, as psycopg's client-side binding does."""
    if not params:
        return sql
    if isinstance(params, dict):
        return sql % {key: _literal(value) for key, value in params.items()}
    return sql % tuple(_literal(value) for value in params)


def _unquoted(text: str) -> str:
    text = text.strip().rstrip(";").strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return text


class Session:
    """What the server knows about one connection: its settings, and every statement."""

    def __init__(self):
        self.settings = dict(DEFAULTS)
        self.statements: list[str] = []

    def set(self, name: str, value: str) -> None:
        name = name.lower()
        if value.upper() == "DEFAULT":
            self.settings[name] = DEFAULTS.get(name, "")
            return
        if name == "statement_timeout":
            ms = milliseconds(value)
            if ms is None:
                raise django.db.utils.DataError(
                    f'invalid value for parameter "statement_timeout": "{value}"'
                )
            value = shown(ms)
        self.settings[name] = value

    def run(self, sql: str) -> list[tuple]:
        self.statements.append(sql)
        text = sql.strip().rstrip(";").strip()
        if text.upper().startswith("PRAGMA"):
            raise django.db.utils.ProgrammingError('syntax error at or near "PRAGMA"')
        if match := SET.fullmatch(text):
            scope, name, value = match.groups()
            if (scope or "").upper() != "LOCAL":  # SET LOCAL outside a transaction: no effect
                self.set(name, _unquoted(value))
            return []
        if match := SET_CONFIG.fullmatch(text):
            name, value, is_local = match.groups()
            if is_local.lower() in ("false", "f", "0", "off"):
                self.set(name, _unquoted(value))
            return [(self.settings.get(name.lower(), _unquoted(value)),)]
        if match := RESET.fullmatch(text):
            self.settings[match.group(1).lower()] = DEFAULTS.get(match.group(1).lower(), "")
            return []
        if match := SHOW.fullmatch(text):
            return [(self.settings.get(match.group(1).lower(), ""),)]
        return []


class Cursor:
    def __init__(self, session: Session):
        self.session = session
        self.rows: list[tuple] = []
        self.description = None
        self.rowcount = -1

    def execute(self, sql, params=None):
        self.rows = []
        for statement in _bind(sql, params).split(";"):
            if statement.strip():
                self.rows = self.session.run(statement)
        self.rowcount = len(self.rows)
        self.description = [("result",)] if self.rows else None
        return self

    def executemany(self, sql, param_list):
        for params in param_list:
            self.execute(sql, params)

    def fetchone(self):
        return self.rows.pop(0) if self.rows else None

    def fetchall(self):
        rows, self.rows = self.rows, []
        return rows

    def fetchmany(self, size=1):
        rows, self.rows = self.rows[:size], self.rows[size:]
        return rows

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class Connection:
    """The DB-API connection, named like psycopg's (which has no create_function either)."""

    def __init__(self):
        self.session = Session()
        self.autocommit = True
        self.closed = False

    def cursor(self, *args, **kwargs):
        return Cursor(self.session)

    def execute(self, sql, params=None):  # psycopg 3's shortcut
        return self.cursor().execute(sql, params)

    def commit(self):
        pass

    def rollback(self):
        pass

    def close(self):
        self.closed = True


class DatabaseOperations(BaseDatabaseOperations):
    def quote_name(self, name):
        return name if name.startswith('"') else f'"{name}"'


class PostgreSQLStandIn(BaseDatabaseWrapper):
    """A DatabaseWrapper with PostgreSQL's vendor, for runs without a PostgreSQL server."""

    vendor = "postgresql"
    display_name = "PostgreSQL"
    Database = django.db.utils  # its errors are Django's own: nothing to translate
    client_class = BaseDatabaseClient
    creation_class = BaseDatabaseCreation
    features_class = BaseDatabaseFeatures
    introspection_class = BaseDatabaseIntrospection
    ops_class = DatabaseOperations

    def get_connection_params(self):
        return {}

    def get_new_connection(self, conn_params):
        return Connection()

    def init_connection_state(self):
        pass

    def create_cursor(self, name=None):
        return self.connection.cursor()

    def _set_autocommit(self, autocommit):
        self.connection.autocommit = autocommit

    def is_usable(self):
        return not self.connection.closed


def new_stand_in(alias: str = "default") -> PostgreSQLStandIn:
    """Return a stand-in, not connected yet: its first query (or ensure_connection()) connects."""
    from django.db import connections

    settings_dict = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "katas",
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": "5432",
        "OPTIONS": {},
    }
    return PostgreSQLStandIn(settings_dict, alias=alias)
