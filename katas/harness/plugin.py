"""The pytest plugin behind every kata run (loaded with ``-p katas.harness.plugin``).

It chooses the target (learner katas or reference solutions) before Django
starts, keeps katas apart from each other, orders each kata's tests by task,
tells a learner where to look when a test fails, and can write a JSON report
that the ``python -m katas`` commands read instead of pytest's text output.
"""

from __future__ import annotations

import os
import types
from pathlib import Path

import pytest

from katas.harness import catalogue, targets
from katas.harness.report import Recorder

HARNESS_TESTS = catalogue.ROOT / "tests" / "harness"


def pytest_addoption(parser):
    group = parser.getgroup("katas", "Django signals katas")
    group.addoption(
        "--solutions",
        action="store_true",
        default=None,
        help="Run the tests against the reference solutions instead of your katas "
        f"(same as {targets.ENV_VAR}=solutions).",
    )
    group.addoption(
        "--katas-target",
        metavar="TARGET",
        default=None,
        help="Run the tests against TARGET: katas, solutions, or a gallery entry such as "
        f"solutions/<kata>/mistakes/<name> (same as {targets.ENV_VAR}=TARGET).",
    )
    group.addoption(
        "--katas-report",
        metavar="PATH",
        default=None,
        help="Write each test's kata, task and outcome to PATH as JSON "
        "(read by `python -m katas`).",
    )


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    # Runs before pytest-django calls django.setup(): the redirect must be in place
    # before any kata module is imported.
    given = early_config.known_args_namespace
    if given.solutions:
        targets.activate(targets.SOLUTIONS)
    elif given.katas_target:
        os.environ[targets.ENV_VAR] = given.katas_target
        targets.activate(targets.from_environment())
    else:
        targets.activate(targets.from_environment())
    return (yield)


def pytest_configure(config):
    config.katas_target = targets.current()
    path = config.getoption("katas_report")
    if path:
        config.pluginmanager.register(Recorder(Path(path)), "katas-report")


def pytest_report_header(config):
    where = {targets.SOLUTIONS: "solutions/ (reference)", targets.KATAS: "katas/ (yours)"}.get(
        config.katas_target, f"{config.katas_target} (gallery entry)"
    )
    return f"katas: testing {where}"


def _explicitly_asked(config, path: Path) -> bool:
    for arg in config.args:
        given = Path(str(arg).split("::")[0]).resolve()
        if given == path or path in given.parents:
            return True
    return False


def pytest_ignore_collect(collection_path, config):
    # The harness's own tests are for maintainers: a learner's `pytest` counts katas only.
    path = Path(collection_path).resolve()
    if path == HARNESS_TESTS and not _explicitly_asked(config, HARNESS_TESTS):
        return True
    return None


class KataModule(pytest.Module):
    """A kata's test module that survives learner code which does not import.

    A test module that imports a learner module at its top would otherwise stop
    collection. Here it becomes one failing test that names the learner's file
    and line, and the rest of the session goes on.
    """

    def _getobj(self):
        try:
            return super()._getobj()
        except Exception as error:  # the learner module may raise anything at import
            kata = catalogue.kata_for_path(self.path)
            message = _broken_message(kata) or str(error)
            module = types.ModuleType(self.path.stem)

            def test_learner_code_imports():
                pytest.fail(message, pytrace=False)

            module.test_learner_code_imports = test_learner_code_imports
            return module


def pytest_pycollect_makemodule(module_path, parent):
    if catalogue.kata_for_path(Path(module_path)) is not None:
        return KataModule.from_parent(parent, path=Path(module_path))
    return None


def kata_of(item) -> catalogue.Kata | None:
    return catalogue.kata_for_path(Path(item.path))


def task_of(item) -> int | None:
    marker = item.get_closest_marker("task")
    return int(marker.args[0]) if marker and marker.args else None


def pytest_collection_modifyitems(session, config, items):
    # Course order, then task order: the first failure shown is the one to fix first.
    order = {kata.slug: kata.number for kata in catalogue.load()}

    def key(indexed):
        index, item = indexed
        kata = kata_of(item)
        return (order.get(kata.slug, 0) if kata else 0, task_of(item) or 0, index)

    items[:] = [item for _, item in sorted(enumerate(items), key=key)]

    # A kata that needs another Django (the catalogue's `django`) is skipped, with why.
    for item in items:
        kata = kata_of(item)
        reason = kata.unavailable_reason() if kata else None
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"kata {kata.slug!r} {reason}"))


def _broken_message(kata: catalogue.Kata | None) -> str | None:
    from katas.harness.loading import broken

    if kata is None or kata.app_label not in broken:
        return None
    problem = broken[kata.app_label]
    return (
        f"Your code for kata {kata.slug!r} does not import, so none of its tests can run.\n"
        f"  {problem.describe()}\n\n{problem.details}\n\n"
        "Fix that error first; the other katas are not affected."
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    kata = kata_of(item)
    if kata is None:
        return (yield)
    from katas.harness.isolation import only_receivers_of

    with only_receivers_of(kata.slug, {k.slug for k in catalogue.load()}):
        return (yield)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    message = _broken_message(kata_of(item))
    if message:
        pytest.fail(message, pytrace=False)


def where_to_look(kata: catalogue.Kata, task_number: int | None) -> str:
    files = ", ".join(str(p.relative_to(catalogue.ROOT)) for p in kata.learner_paths())
    lines = []
    if task_number is not None:
        task = kata.task(task_number)
        lines.append(f"Task {task.number} of {len(kata.tasks)}: {task.title}")
    lines.append(f"Edit: {files}")
    lines.append(f"Read: {kata.readme.relative_to(catalogue.ROOT)}")
    hint = f"python -m katas hint {kata.slug}" + (f" {task_number}" if task_number else "")
    lines.append(f"Hint: {hint}")
    return "\n".join(lines)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    kata = kata_of(item)
    if kata is not None:
        report.katas_slug = kata.slug
        report.katas_task = task_of(item)
        if report.failed and call.when == "call" and item.config.katas_target == targets.KATAS:
            report.sections.append(("Where to look", where_to_look(kata, task_of(item))))
        if call.excinfo is not None:
            report.katas_exception = call.excinfo.typename
    return report


@pytest.fixture(autouse=True)
def _katas_media_root(settings, tmp_path_factory):
    """Point MEDIA_ROOT at a fresh temporary folder, so tests store real files safely."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    return settings.MEDIA_ROOT


def pytest_sessionstart(session):
    # Make the chosen target visible to subprocesses a test may start.
    os.environ[targets.ENV_VAR] = session.config.katas_target
