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

from katas.harness import catalogue, limits, targets
from katas.harness.report import Recorder

HARNESS_TESTS = catalogue.ROOT / "tests" / "harness"
BROWSER_TESTS = catalogue.ROOT / "tests" / "browser"  # the dojo page in Chromium
# Maintainers' tests on real PostgreSQL and Redis (README, "Real services").
SERVICES_TESTS = catalogue.ROOT / "tests" / "services"


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
        os.environ[targets.ENV_VAR] = targets.SOLUTIONS
    elif given.katas_target:
        os.environ[targets.ENV_VAR] = given.katas_target
    try:
        targets.activate(targets.from_environment())
    except targets.TargetError as error:
        raise pytest.UsageError(str(error)) from None
    from katas.harness import loading

    loading.only = _katas_named(given.file_or_dir or [])
    return (yield)


def _katas_named(args) -> set[str] | None:
    """Return the katas whose tests ``args`` name, or None when they name more (or nothing)."""
    paths = [str(a).split("::")[0] for a in args]
    if not paths:
        return None
    found = set()
    for path in paths:
        kata = catalogue.kata_for_path(Path(path))
        if kata is None:
            return None
        found.add(kata.slug)
    return found


def pytest_configure(config):
    config.katas_target = targets.current()
    _own_test_database()
    path = config.getoption("katas_report")
    if path:
        config.pluginmanager.register(Recorder(Path(path)), "katas-report")
    from katas.harness import brief

    if brief.wanted(config):
        config.pluginmanager.register(brief.Brief(), "katas-brief")


def _own_test_database() -> None:
    """On a database server (DATABASE_URL), give this run a test database of its own.

    verify runs several targets side by side, in children of one process: each names
    its test database by its own process id, so no two create and drop the same one.
    """
    if not os.environ.get("DATABASE_URL"):
        return
    from django.conf import settings

    default = settings.DATABASES["default"]
    default.setdefault("TEST", {})["NAME"] = f"test_{default['NAME']}_{os.getpid()}"


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
    # The harness's own, the browser and the real-services tests are for maintainers:
    # a learner's `pytest` counts katas only.
    path = Path(collection_path).resolve()
    for maintainers in (HARNESS_TESTS, BROWSER_TESTS, SERVICES_TESTS):
        if path == maintainers and not _explicitly_asked(config, maintainers):
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
        # The learner module may raise anything at import, even exit().
        except (Exception, SystemExit, limits.TimeLimitExceeded) as error:
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


def _known_slugs() -> set[str]:
    return {k.slug for k in catalogue.load()}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    kata = kata_of(item)
    if kata is None:
        return (yield)
    from katas.harness.isolation import only_receivers_of

    with only_receivers_of(kata.slug, _known_slugs()):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    # A learner's post_migrate (or pre_migrate) receiver must not break, or drop a table
    # of, the test database that every kata needs: no post_migrate receiver runs while
    # it is set up, and no kata receiver at all. Django's own (content types and
    # permissions for every app) would cost every run a third of a second; a test that
    # needs them migrates or flushes, which sends post_migrate again.
    if fixturedef.argname != "django_db_setup":
        return (yield)
    from django.db.models.signals import post_migrate

    from katas.harness.isolation import no_kata_receivers, silenced

    with silenced(post_migrate), no_kata_receivers(_known_slugs()):
        return (yield)


@pytest.hookimpl(tryfirst=True, specname="pytest_fixture_setup")
def pytest_fixture_setup_from_the_warm_process(fixturedef, request):
    # In a child of a warm process, the test databases were set up once, before the
    # fork (katas.harness.runner): use them as they are.
    from katas.harness import runner

    if fixturedef.argname == "django_db_setup" and runner.database_ready:
        fixturedef.cached_result = (None, fixturedef.cache_key(request), None)
        return True
    return None


TEST_LIMIT_ENV_VAR = "KATAS_TEST_LIMIT"
DEFAULT_TEST_LIMIT = 20.0


def _test_limit() -> float:
    return limits.seconds_from(TEST_LIMIT_ENV_VAR, DEFAULT_TEST_LIMIT)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    kata = kata_of(item)
    if kata is None:
        return (yield)
    message = _broken_message(kata)
    if message:
        pytest.fail(message, pytrace=False)
    from katas.harness.loading import describe

    try:
        with limits.time_limit(_test_limit()):
            return (yield)
    except limits.TimeLimitExceeded as exc:
        stuck = describe(kata.module, exc)
    pytest.fail(
        f"This test did not finish in {_test_limit():g} s, so it was stopped.\n"
        f"Your code was still running at {stuck.location()}: an endless loop, or a wait "
        "for something that never comes?",
        pytrace=False,
    )


@pytest.fixture(autouse=True)
def _katas_no_leaked_receivers(request):
    """Fail a kata test that leaves a receiver connected (or disconnected) behind it.

    Receivers belong in ready() or at the top of a module, connected once; code that
    connects one while it runs connects it again on every call.
    """
    if kata_of(request.node) is None:
        yield
        return
    from katas.harness.isolation import leaks, snapshot

    before = snapshot()
    yield
    found = leaks(before)
    if found:
        pytest.fail(
            "The signals' receivers changed during this test (they are put back now):\n  "
            + "\n  ".join(found)
            + "\nConnect receivers once, when the app is ready (at the top of receivers.py, "
            "imported from ready()); a test or a function that connects one must disconnect it.",
            pytrace=False,
        )


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
    if call.excinfo is not None:
        report.katas_exception = call.excinfo.typename
    kata = kata_of(item)
    if kata is not None:
        report.katas_slug = kata.slug
        report.katas_task = task_of(item)
        if report.failed and call.when == "call" and item.config.katas_target == targets.KATAS:
            report.sections.append(("Where to look", where_to_look(kata, task_of(item))))
    return report


@pytest.fixture(autouse=True)
def _katas_media_root(request, tmp_path_factory):
    """Point MEDIA_ROOT at a fresh temporary folder, so tests store real files safely."""
    # The test database is set up first, outside this override: pytest-django turns
    # migration files off while it sets it up, and a setting changed inside an override
    # would be undone with it (a later `migrate` in a test would then run migrations).
    wants_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "django_db_setup",
    } & set(request.fixturenames)
    if wants_db:
        request.getfixturevalue("django_db_setup")
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    return settings.MEDIA_ROOT


def pytest_sessionstart(session):
    # Make the chosen target visible to subprocesses a test may start.
    os.environ[targets.ENV_VAR] = session.config.katas_target
