"""The private internals the harness leans on (katas.harness.internals) are still there.

Each test names the internal it checks: when an upgrade of pytest, pytest-django or
Django breaks one, the failure says which, and katas/harness/internals.py is the one
place to mend.
"""

import pytest


def test_pytest_django_still_has_disable_migrations():
    from pytest_django import fixtures

    assert callable(getattr(fixtures, "_disable_migrations", None)), (
        "pytest_django.fixtures._disable_migrations is gone: katas.harness.internals."
        "disable_migrations needs another way to build test databases from the models"
    )


def test_pytest_fixturedef_still_has_cached_result_and_cache_key(request):
    fixturedef = request._fixturemanager.getfixturedefs("tmp_path", request.node)[-1]

    assert hasattr(fixturedef, "cached_result"), "pytest's FixtureDef.cached_result is gone"
    assert callable(getattr(fixturedef, "cache_key", None)), "pytest's FixtureDef.cache_key is gone"


def test_django_signals_still_keep_receivers_and_a_sender_cache():
    from django.dispatch import Signal

    signal = Signal(use_caching=True)

    def receiver(sender, **kwargs):
        return "called"

    signal.connect(receiver, sender=object)
    assert isinstance(signal.receivers, list), "Django's Signal.receivers is no longer a list"
    assert hasattr(signal, "sender_receivers_cache"), "Signal.sender_receivers_cache is gone"
    assert hasattr(signal, "lock"), "Signal.lock is gone"

    from katas.harness import internals

    internals.set_receivers(signal, [])
    assert signal.send(sender=object) == []


def test_the_terminal_reporter_still_keeps_its_stats(request):
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")

    assert isinstance(reporter.stats, dict), "pytest's TerminalReporter.stats is gone"


@pytest.mark.parametrize(
    "hook", ["pytest_report_to_serializable", "pytest_report_from_serializable"]
)
def test_pytest_still_serialises_reports(request, hook):
    assert hasattr(request.config.hook, hook), f"pytest's {hook} hook is gone"
