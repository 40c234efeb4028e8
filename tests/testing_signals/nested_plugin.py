"""A pytest plugin for each run of the learner's tests (loaded through PYTEST_PLUGINS).

``katas.harness.nested.LearnerTests`` runs the learner's test module in a checker
child, against the shop as given or against a broken version of it. This plugin fills
three gaps there, until the harness does it itself:

- the shop starts again from the version under test: the server that forked the child
  ran ``AppConfig.ready()`` before the fork, with the story's own ``receivers.py``; here
  the kata's modules are forgotten, the receivers they connected taken off, and
  ``ready()`` runs again, importing the broken version's modules where it has them;
- each result records the task of the learner's ``@pytest.mark.task(N)``;
- a learner's test that leaves a receiver connected (or disconnected) fails, saying so.

It also loads what ``pyproject.toml`` would (that file is not read for a test module
outside the repository): the harness's plugin, the ``task`` marker, no migrations.
"""

from __future__ import annotations

import sys

import pytest

SLUG = "testing_signals"
PACKAGE = f"katas.{SLUG}"
GIVEN = {"models", "apps", "migrations"}


def pytest_configure(config):
    config.addinivalue_line("markers", "task(number): the kata task this test of yours is for")
    config.option.nomigrations = True
    start_the_shop_again()


def start_the_shop_again() -> None:
    """Forget the shop's modules and receivers, and run its ``ready()`` again."""
    from django.apps import apps

    from katas.harness.isolation import disconnect_kata_receivers

    disconnect_kata_receivers({SLUG})
    package = sys.modules[PACKAGE]
    for name in [n for n in sys.modules if n.startswith(PACKAGE + ".")]:
        short = name.removeprefix(PACKAGE + ".")
        if short.split(".")[0] in GIVEN:
            continue
        del sys.modules[name]
        if "." not in short and hasattr(package, short):
            delattr(package, short)  # else `from . import receivers` finds the old module
    apps.get_app_config(SLUG).ready()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    marker = item.get_closest_marker("task")
    number = marker.args[0] if marker and marker.args else None
    report.katas_task = number if isinstance(number, int) else None
    return report


@pytest.fixture(autouse=True)
def _your_test_puts_the_receivers_back(request):
    from katas.harness.isolation import leaks, snapshot

    before = snapshot()
    yield
    found = leaks(before)
    if found:
        pytest.fail(
            f"{request.node.name} changed the signals' receivers and left them so (they are "
            "put back now):\n  " + "\n  ".join(found) + "\nA test that connects a receiver of "
            "its own must disconnect it when it ends, also when it fails: in a `finally`, "
            "in a fixture after its `yield`, or with mock.patch.object as a context manager.",
            pytrace=False,
        )
