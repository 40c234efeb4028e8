"""A pytest plugin for each run of a learner's own tests (loaded through PYTEST_PLUGINS).

For a kata whose learner writes tests, ``katas.harness.nested.LearnerTests`` runs the
learner's test module in a checker child, against the kata's story as given or
against a broken version of it (``tests/learner_tests.py`` sets the run up). This
plugin fills three gaps there, until the harness does it itself:

- the story starts again from the version under test: the server that forked the
  child ran the kata's ``AppConfig.ready()`` before the fork, with the story's own
  modules; here they are forgotten, the receivers they connected taken off, and
  ``ready()`` runs again, importing the broken version's modules where it has them
  (and, where it has an ``apps.py``, its ``ready()`` runs instead: a startup that
  forgets an import);
- each result records the task of the learner's ``@pytest.mark.task(N)``;
- a learner's test that leaves a receiver connected (or disconnected) fails, saying so.

It also does what ``pyproject.toml`` would (that file is not read for a test module
outside the repository): the ``task`` marker, no migrations. The harness's own
plugin comes through PYTEST_PLUGINS too.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from katas.harness import catalogue
from katas.harness.child import CHILD_PLUGIN
from katas.harness.rules import GIVEN_MODULES


def pytest_configure(config):
    config.addinivalue_line("markers", "task(number): the kata task this test of yours is for")
    config.option.nomigrations = True
    child = config.pluginmanager.get_plugin(CHILD_PLUGIN)
    if child is not None:
        overlay = catalogue.ROOT / child.job.overlay if child.job.overlay else None
        start_the_story_again(child.job.kata, overlay)


def start_the_story_again(slug: str, overlay: Path | None) -> None:
    """Forget the kata's own modules and receivers, and run its ``ready()`` again.

    The ``ready()`` of ``overlay``'s ``apps.py`` if it has one, else the kata's own.
    """
    from django.apps import apps

    from katas.harness.isolation import disconnect_kata_receivers

    disconnect_kata_receivers({slug})
    prefix = f"katas.{slug}."
    package = sys.modules[prefix[:-1]]
    for name in [n for n in sys.modules if n.startswith(prefix)]:
        short = name.removeprefix(prefix)
        if short.split(".")[0] in (*GIVEN_MODULES, "migrations"):
            continue
        del sys.modules[name]
        if "." not in short and hasattr(package, short):
            delattr(package, short)  # else `from . import receivers` finds the old module
    config = apps.get_app_config(slug)
    ready = type(config).ready
    if overlay is not None and (overlay / "apps.py").is_file():
        ready = _ready_of(overlay / "apps.py", f"katas.{slug}.apps")
    ready(config)


def _ready_of(path: Path, name: str):
    """Return the ``ready`` of the AppConfig class that the apps module at ``path`` defines."""
    from django.apps import AppConfig

    namespace = runpy.run_path(str(path), run_name=name)
    configs = [
        value
        for value in namespace.values()
        if isinstance(value, type) and issubclass(value, AppConfig) and value.__module__ == name
    ]
    if len(configs) != 1:
        raise RuntimeError(f"{path} should define one AppConfig class; it defines {len(configs)}")
    return configs[0].ready


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
