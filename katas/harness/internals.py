"""Every private internal of pytest, pytest-django and Django that the harness touches.

Each is used here and nowhere else, behind a function named for what it does, so an
upgrade that breaks one breaks it in one place; ``tests/harness/test_internals.py``
names the internal when it does. Where a documented extension point exists, the
harness uses that instead.
"""

from __future__ import annotations


def disable_migrations() -> None:
    """Create test databases from the models, as pytest-django's ``--no-migrations`` does.

    Internal: ``pytest_django.fixtures._disable_migrations``.
    """
    from pytest_django.fixtures import _disable_migrations

    _disable_migrations()


def mark_fixture_done(fixturedef, request) -> None:
    """Make pytest treat a session fixture as already set up, with no value and no teardown.

    A checker child uses the test databases its server set up before the fork, so
    pytest-django's ``django_db_setup`` must not create them again. Overriding the
    fixture (the documented way) cannot work here: a plugin's fixture is overridden
    by pytest-django's, registered later, and a conftest's would also apply outside
    the checker. Internal: ``FixtureDef.cached_result`` and ``FixtureDef.cache_key``.
    """
    fixturedef.cached_result = (None, fixturedef.cache_key(request), None)


def set_receivers(signal, receivers: list) -> None:
    """Replace ``signal``'s receivers with ``receivers``, and forget its per-sender cache.

    Internal: ``Signal.receivers`` and ``Signal.sender_receivers_cache`` (Django
    rebuilds the cache from ``receivers`` on the next send).
    """
    with signal.lock:
        signal.receivers = list(receivers)
        signal.sender_receivers_cache.clear()


def terminal_stats(terminalreporter) -> dict:
    """Return the terminal reporter's outcome lists (``"failed"`` -> reports), to show fewer.

    Internal: ``TerminalReporter.stats``.
    """
    return terminalreporter.stats


def serialise_report(config, report) -> dict:
    """Return a pytest report as JSON-ready data (the hook pytest-xdist uses)."""
    return config.hook.pytest_report_to_serializable(config=config, report=report)


def deserialise_report(config, data: dict):
    """Return the pytest report that :func:`serialise_report` made ``data`` from."""
    return config.hook.pytest_report_from_serializable(config=config, data=data)
