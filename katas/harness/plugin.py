"""The pytest plugin behind every kata run (loaded with ``-p katas.harness.plugin``).

A session runs in one of three ways, decided before Django starts:

- **delegated** (plain ``pytest``, ``katas run``): this process runs no learner code.
  The kata tests are judged by the checker, each kata in a child of its own, within
  limits learner code cannot escape; this process shows their reports as pytest's own
  (:mod:`katas.harness.replay`). Other tests (the maintainers' suites) run here.
- **in a checker child**: one kata's tests, here, for the checker
  (:mod:`katas.harness.child`).
- **inline** (``--katas-inline``, or a debugger: ``--pdb``, ``--trace``, ``-s``): every
  test here, as pytest usually does, with soft time limits only.

In every way it chooses the target (your katas, the katas as shipped, the reference
solutions, a gallery entry), orders each kata's tests by task, tells a learner where
to look when a test fails, and can write the typed report of the session
(``--katas-report``).
"""

from __future__ import annotations

import os
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from katas.harness import catalogue, limits, report, targets
from katas.harness.child import CHILD_PLUGIN, result_of
from katas.harness.loading import imports

HARNESS_TESTS = catalogue.ROOT / "tests" / "harness"
BROWSER_TESTS = catalogue.ROOT / "tests" / "browser"  # the dojo page in Chromium
# Maintainers' tests on real PostgreSQL and Redis (README, "Real services").
SERVICES_TESTS = catalogue.ROOT / "tests" / "services"

DELEGATED, CHILD, INLINE = "delegated", "in a checker child", "inline"


@dataclass
class KataSession:
    """How this pytest session judges katas: its target, its way, its limits."""

    target: str
    mode: str
    limits: limits.Limits = field(default_factory=limits.Limits)
    stuck_file: object = None  # a checker child's file for the hard time limit's report
    # A delegated session's checker, started before Django so that both start at once.
    checker: object = None


SESSION = pytest.StashKey[KataSession]()


def session_of(config) -> KataSession:
    return config.stash[SESSION]


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
        help="Run the tests against TARGET: katas (yours), shipped (the katas as shipped), "
        "solutions, or a gallery entry such as solutions/<kata>/mistakes/<name> "
        f"(same as {targets.ENV_VAR}=TARGET).",
    )
    group.addoption(
        "--katas-report",
        metavar="PATH",
        default=None,
        help="Write each test's kata, task and outcome to PATH as JSON.",
    )
    group.addoption(
        "--katas-inline",
        action="store_true",
        default=False,
        help="Run kata tests in this process, not in the checker's children (for debuggers; "
        "--pdb, --trace and -s imply it). Time limits are then soft only.",
    )


def _inline_wanted(given) -> bool:
    return bool(
        given.katas_inline
        or getattr(given, "usepdb", False)
        or getattr(given, "trace", False)
        or getattr(given, "capture", "fd") == "no"
    )


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    # Runs before pytest-django calls django.setup(): the target's finder must be in
    # place before any kata module is imported, and ready() must know what to import.
    child = early_config.pluginmanager.get_plugin(CHILD_PLUGIN)
    given = early_config.known_args_namespace
    if child is not None:
        session = KataSession(child.job.target, CHILD, child.job.limits, child.guard.stuck_file)
    else:
        try:
            catalogue.load()
        except catalogue.CatalogueError as error:
            raise pytest.UsageError(str(error)) from None
        try:
            target = targets.check(
                targets.SOLUTIONS
                if given.solutions
                else given.katas_target or os.environ.get(targets.ENV_VAR, targets.KATAS)
            )
        except targets.TargetError as error:
            raise pytest.UsageError(str(error)) from None
        targets.activate(target)
        mode = INLINE if _inline_wanted(given) else DELEGATED
        session = KataSession(target, mode, limits.Limits.from_environment())
        if mode == DELEGATED:
            imports.defer()  # learner code runs in the checker's children only
            if _may_hold_kata_tests(early_config, given.file_or_dir or []):
                from katas.harness.checker import Checker

                session.checker = Checker()
        else:
            imports.restrict(_katas_named(given.file_or_dir or []))
    early_config.stash[SESSION] = session
    return (yield)


def _may_hold_kata_tests(config, args) -> bool:
    """True when ``args`` (or, without any, the configured testpaths) may hold kata tests."""
    paths = [str(a).split("::")[0] for a in args] or config.getini("testpaths") or ["."]
    for path in paths:
        resolved = (catalogue.ROOT / path).resolve() if not Path(path).is_absolute() else Path(path)
        for kata in catalogue.load():
            if resolved == kata.tests_path or resolved in kata.tests_path.parents:
                return True
            if kata.tests_path in resolved.parents:
                return True
    return False


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
    session = session_of(config)
    if session.mode != CHILD:
        _own_test_database()
    path = config.getoption("katas_report")
    recorder = None
    if path:
        recorder = SessionRecorder(Path(path), session.target)
        config.pluginmanager.register(recorder, "katas-report")
    if session.mode == DELEGATED:
        from katas.harness.replay import Delegation

        config.pluginmanager.register(Delegation(config, session, recorder), "katas-delegation")
    from katas.harness import brief

    if brief.wanted(config) and session.mode != CHILD:
        config.pluginmanager.register(brief.Brief(), "katas-brief")


def _own_test_database() -> None:
    """On a database server (DATABASE_URL), give this run a test database of its own.

    The checker runs several children side by side: each names its test database by
    its own process id, so no two create and drop the same one.
    """
    if not os.environ.get("DATABASE_URL"):
        return
    from django.conf import settings

    default = settings.DATABASES["default"]
    default.setdefault("TEST", {})["NAME"] = f"test_{default['NAME']}_{os.getpid()}"


def pytest_report_header(config):
    session = session_of(config)
    return f"katas: testing {targets.describe(session.target)}, {session.mode}"


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
        # The learner module may raise anything at import, even exit() or a BaseException.
        except BaseException as error:  # noqa: BLE001
            kata = catalogue.kata_for_path(self.path)
            message = broken_message(kata) or f"{type(error).__name__}: {error}"
            module = types.ModuleType(self.path.stem)

            def test_learner_code_imports():
                pytest.fail(message, pytrace=False)

            module.test_learner_code_imports = test_learner_code_imports
            return module


def pytest_pycollect_makemodule(module_path, parent):
    if session_of(parent.config).mode == DELEGATED:
        return None  # the delegation's hook makes a replaying module instead
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
    if session_of(config).mode == DELEGATED:
        return  # the children skip what their Django cannot run
    # A kata that needs another Django (the catalogue's `django`) is skipped, with why.
    for item in items:
        kata = kata_of(item)
        reason = kata.unavailable_reason() if kata else None
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"kata {kata.slug!r} {reason}"))


def broken_message(kata: catalogue.Kata | None) -> str | None:
    """Say that ``kata``'s code does not import, for each of its tests; None if it does."""
    if kata is None or kata.app_label not in imports.broken:
        return None
    problem = imports.broken[kata.app_label]
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
    if kata is None or session_of(item.config).mode == CHILD:
        return (yield)  # a child imports one kata's code: no other kata's receivers
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

    from katas.harness.isolation import disconnect_kata_receivers, no_kata_receivers, silenced

    with silenced(post_migrate), no_kata_receivers(_known_slugs()):
        result = yield
    # Torn down when the session ends: no kata receiver runs while the test database is
    # dropped either (on a database server, that opens a connection: connection_created).
    request.addfinalizer(lambda: disconnect_kata_receivers(_known_slugs()))
    return result


@pytest.hookimpl(tryfirst=True, specname="pytest_fixture_setup")
def pytest_fixture_setup_from_the_server(fixturedef, request):
    # In a checker child, the test databases were set up once by its server, before
    # the fork: use them as they are.
    if fixturedef.argname != "django_db_setup":
        return None
    child = request.config.pluginmanager.get_plugin(CHILD_PLUGIN)
    if child is not None and child.databases_ready:
        from katas.harness import internals

        internals.mark_fixture_done(fixturedef, request)
        return True
    return None


# Exceptions that end a whole pytest session. In a checker child, learner code raising
# one of them inside a test fails that test instead: a real Ctrl-C never reaches a child.
_SESSION_ENDERS = (KeyboardInterrupt, pytest.exit.Exception)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    kata = kata_of(item)
    session = session_of(item.config)
    if kata is None and session.mode != CHILD:
        return (yield)  # a maintainers' test; in a checker child, every test has limits
    message = broken_message(kata)
    if message:
        pytest.fail(message, pytrace=False)
    hard = session.limits.grace if session.mode == CHILD else None
    try:
        with limits.time_limit(session.limits.test, hard_after=hard, stuck_file=session.stuck_file):
            return (yield)
    except limits.TimeLimitExceeded as exc:
        from katas.harness.loading import describe

        stuck = describe(item.nodeid, exc)
        stopped = (
            f"This test did not finish in {session.limits.test:g} s, so it was stopped.\n"
            f"Your code was still running at {stuck.location()}: an endless loop, or a wait "
            "for something that never comes?"
        )
    except _SESSION_ENDERS as exc:
        if session.mode != CHILD:
            raise
        import traceback

        from katas.harness.child import learner_location

        where = learner_location(traceback.extract_tb(exc.__traceback__)) or "your code"
        stopped = (
            f"Your code raised {type(exc).__name__} at {where}, which ends a whole program: "
            "a receiver or a service must never do that."
        )
    pytest.fail(stopped, pytrace=False)


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
    rep = yield
    if call.excinfo is not None:
        rep.katas_exception = call.excinfo.typename
    kata = kata_of(item)
    if kata is not None:
        rep.katas_slug = kata.slug
        rep.katas_task = task_of(item)
        if rep.failed and call.when == "call" and session_of(item.config).target == targets.KATAS:
            rep.sections.append(("Where to look", where_to_look(kata, task_of(item))))
    return rep


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
    os.environ[targets.ENV_VAR] = session_of(session.config).target


class SessionRecorder:
    """Write the whole session's typed run to ``path`` at its end (``--katas-report``)."""

    def __init__(self, path: Path, target: str):
        self.path = path
        self.target = target
        self.tests: dict[str, report.TestResult] = {}
        self.collection_errors: list[str] = []
        self.broken: dict[str, report.BrokenModule] = {}  # a delegation adds its children's

    def pytest_runtest_logreport(self, report):
        result = result_of(report, self.tests.get(report.nodeid))
        if result is not None:
            self.tests[report.nodeid] = result

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {report.longrepr}")

    def pytest_sessionfinish(self, session, exitstatus):
        run = report.Run(
            target=self.target,
            exitstatus=int(exitstatus),
            tests=list(self.tests.values()),
            collection_errors=self.collection_errors,
            broken={**imports.broken, **self.broken},
        )
        if self.path.parent.is_dir():
            report.write(run, self.path)
