"""What runs inside a checker child: one kata's tests, against one target, within limits.

The server (:mod:`katas.harness.server`) forks a child per job from its warm process
(Django and the test databases set up once); where there is no fork, the child is a
fresh ``python -m katas.harness.child JOB``. Either way :func:`run` reads the kata's
own files once (the snapshot), imports its learner modules under the job's limits,
runs pytest, and writes:

- ``events.jsonl``, as it goes: each module it imports, the tests it collected, each
  test it starts and each result (and, for plain pytest, each whole pytest report);
  the parent reads it to follow the child, and to judge what it can when the child
  dies (a hard time limit, ``os._exit()``);
- ``report.json`` at the end: the typed run (:class:`katas.harness.report.Run`);
- ``stuck.txt`` if the hard time limit fired: every thread's stack.

Every line carries the child's process id: a process the learner's code forked
writes nothing the parent believes.
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import os
import signal
import sys
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

from katas.harness import catalogue, internals, report, rules, targets
from katas.harness.job import Job
from katas.harness.loading import imports

_real_exit = os._exit
CHILD_PLUGIN = "katas-child"


class Events:
    """Append JSON lines to the job's events file, one ``write`` each (never interleaved)."""

    def __init__(self, path: Path):
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, event: str, **data) -> None:
        line = json.dumps({"pid": os.getpid(), "t": time.time(), "event": event, **data}) + "\n"
        # If the parent removed the folder, it no longer listens.
        with contextlib.suppress(OSError):
            os.write(self.fd, line.encode())


def learner_location(frames) -> str | None:
    """Return ``path:line`` of the innermost learner frame among ``frames``, if any."""
    for frame in reversed(frames):
        if rules.is_learner_frame(frame.filename):
            try:
                shown = Path(frame.filename).resolve().relative_to(catalogue.ROOT)
            except ValueError:
                shown = frame.filename
            return f"{shown}:{frame.lineno}"
    return None


class Guard:
    """What a child keeps an eye on: the module being imported, the test running, an exit."""

    def __init__(self, job: Job, events: Events):
        self.job = job
        self.events = events
        self.stuck_file = open(job.stuck_path, "w", encoding="utf-8")  # noqa: SIM115
        # Asked where it is (the parent is about to stop it), the child writes its stacks.
        self.where_file = open(job.where_path, "w", encoding="utf-8")  # noqa: SIM115
        faulthandler.register(signal.SIGUSR1, file=self.where_file, all_threads=True)

    @contextmanager
    def importing(self, module: str):
        self.events.write("importing", module=module)
        yield

    def record_exits(self) -> None:
        """Make ``os._exit()`` in the learner's code say where it was called, then exit.

        Learner code could reach the real one another way; then the parent still sees
        the child end, only without the line.
        """
        events = self.events

        def exit_(code):
            where = learner_location(traceback.extract_stack()[:-1])
            events.write("exit", code=code, where=where)
            _real_exit(code)

        os._exit = exit_


class ChildPlugin:
    """The pytest plugin object of a checker child: records results and streams them."""

    __name__ = CHILD_PLUGIN  # pytest registers a plugin object under its __name__

    def __init__(self, job: Job, events: Events, guard: Guard, digest: str, databases_ready):
        self.job = job
        self.events = events
        self.guard = guard
        self.digest = digest
        self.databases_ready = databases_ready
        self.tests: dict[str, report.TestResult] = {}
        self.collection_errors: list[str] = []

    def pytest_collection_finish(self, session):
        from katas.harness.plugin import task_of

        items = [
            {
                "nodeid": item.nodeid,
                "location": list(item.location),
                "task": task_of(item),
                "markers": sorted({m.name for m in item.iter_markers()}),
            }
            for item in session.items
        ]
        self.events.write("collected", items=items)

    def pytest_runtest_logstart(self, nodeid, location):
        self.events.write("start", nodeid=nodeid)

    def pytest_runtest_logreport(self, report):
        if self.job.stream:
            self.events.write("report", report=internals.serialise_report(self.config, report))
        result = result_of(report, self.tests.get(report.nodeid))
        if result is not None:
            self.tests[report.nodeid] = result
            self.events.write("result", test=result.__dict__)

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {report.longrepr}")
            if self.job.stream:
                data = internals.serialise_report(self.config, report)
                self.events.write("report", report=data)

    def pytest_configure(self, config):
        self.config = config

    def pytest_sessionfinish(self, session, exitstatus):
        run = report.Run(
            target=self.job.target,
            exitstatus=int(exitstatus),
            tests=list(self.tests.values()),
            collection_errors=self.collection_errors,
            broken=dict(imports.broken),
            digests={self.job.kata: self.digest},
        )
        # Named by process: a process the learner's code forked writes a report of its own.
        report.write(run, self.job.folder / f"report-{os.getpid()}.json")
        self.events.write("done", exitstatus=int(exitstatus))


def result_of(rep, known: report.TestResult | None) -> report.TestResult | None:
    """Return the :class:`TestResult` a pytest report gives, or None when it adds nothing.

    The first problem decides: a teardown error after a failure adds nothing.
    """
    if known is not None and known.outcome in (report.FAILED, report.ERROR):
        return None
    if rep.failed:
        outcome = report.FAILED if rep.when == "call" else report.ERROR
    elif rep.skipped:
        outcome = report.SKIPPED
    elif rep.when == "call":
        outcome = report.PASSED
    else:
        return None
    return report.TestResult(
        nodeid=rep.nodeid,
        kata=getattr(rep, "katas_slug", None),
        task=getattr(rep, "katas_task", None),
        outcome=outcome,
        when=rep.when,
        exception=getattr(rep, "katas_exception", None),
        message="" if rep.passed else short_message(rep),
    )


def short_message(rep) -> str:
    """Return a failure's short text: the assertion message, not the traceback."""
    longrepr = rep.longrepr
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message
    if isinstance(longrepr, tuple):  # skips: (path, line, reason)
        return str(longrepr[-1])
    return str(longrepr or "")


def prepare_django(databases: bool, slots: int = 2):
    """Set Django up with every learner import deferred; return the test databases, if made.

    With ``databases``, the test databases are created here, once, for every child
    forked from this process (:mod:`katas.harness.databases`); ``slots`` children may
    use them at the same time.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "katas.settings")
    imports.defer()
    targets.activate(targets.KATAS)
    import django

    django.setup()
    import django.test  # noqa: F401
    import factory.django  # noqa: F401
    import model_bakery.baker  # noqa: F401
    import pytest  # noqa: F401
    import pytest_django.plugin  # noqa: F401

    import katas.celery  # noqa: F401 - the project's Celery app: a second to import, once

    if not databases:
        return None
    from katas.harness import databases as test_databases

    return test_databases.set_up(slots)


UNUSED_PLUGINS = (
    "doctest",
    "junitxml",
    "pastebin",
    "stepwise",
    "setuponly",
    "setupplan",
    "legacypath",
    "nose",
    "debugging",
    "faulthandler",
)


def pytest_args(job: Job) -> list[str]:
    """Return pytest's arguments for ``job``: its paths, quietly, and the job's own options.

    ``--tb=no`` unless plain pytest replays the reports: messages come from the
    report, and formatting tracebacks is slow. No unraisable-exception hook: it forces a
    full garbage collection at the end of every run, a tenth of a second that judges
    nothing here.
    """
    kata = catalogue.by_slug()[job.kata]
    paths = list(job.paths) or [kata.tests]
    quiet = [] if job.stream else ["--tb=no"]
    return [
        *paths,
        # With PYTEST_DISABLE_PLUGIN_AUTOLOAD (run() sets it), only the plugins named here:
        # pytest skips reading every installed package's entry points, a tenth of a second.
        *("-p", "pytest_django.plugin"),
        *("-p", "no:cacheprovider", "-p", "no:unraisableexception"),
        # Built-in plugins a child never uses (the child arms faulthandler itself; nobody
        # debugs in it: --pdb runs inline): a fifth of pytest's start.
        *(word for name in UNUSED_PLUGINS for word in ("-p", f"no:{name}")),
        # Temporary files in the job's folder, removed with it: no scan of the system's
        # temporary folder for old runs to remove, and no race with the next child.
        f"--basetemp={job.folder / 'tmp'}",
        "-q",
        *quiet,
        *job.options,
        # Last, so it wins over a forwarded -W error: the server imported these plugins
        # before pytest could rewrite their asserts, which is as it should be.
        *("-W", "ignore::pytest.PytestAssertRewriteWarning"),
    ]


def run(job: Job, databases=None):  # pragma: no cover - ends the process
    """Run ``job`` in this (child) process and end it with pytest's exit status."""
    code = 3
    try:
        with contextlib.suppress(OSError):  # a group of its own: ended with what it forks
            os.setpgid(0, 0)
        out = os.open(job.output_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.chdir(catalogue.ROOT)  # pytest finds its configuration in pyproject.toml
        # The job says everything; options from the environment would change the run
        # behind the parent's back. A subprocess a test starts sees the target.
        os.environ.pop("PYTEST_ADDOPTS", None)
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        os.environ[targets.ENV_VAR] = job.target
        events = Events(job.events_path)
        kata = catalogue.by_slug()[job.kata]
        overlay = catalogue.ROOT / job.overlay if job.overlay else None
        snapshot = targets.Snapshot.of([kata], job.target, overlay)
        targets.activate(job.target, snapshot)
        events.write("snapshot", digest=snapshot.digest(kata))
        guard = Guard(job, events)
        guard.record_exits()
        if databases is not None:
            databases.use_slot(job.slot, job.flush)
        imports.restrict({kata.slug})
        imports.guard_with(job.limits, guard)
        imports.import_deferred()  # the learner's code, from the snapshot
        events.write("imported")
        plugin = ChildPlugin(job, events, guard, snapshot.digest(kata), databases is not None)
        import pytest

        code = int(pytest.main(pytest_args(job), plugins=[plugin]))
    except BaseException:  # noqa: BLE001 - whatever happened, the parent reads the files
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        _real_exit(code)


def main(argv=None) -> None:  # pragma: no cover - a fresh process, where there is no fork
    """``python -m katas.harness.child JOB_FILE``: run one job in this fresh process."""
    argv = sys.argv[1:] if argv is None else argv
    job = Job.from_json(Path(argv[0]).read_text(encoding="utf-8"))
    sys.path.insert(0, str(catalogue.ROOT))
    prepare_django(databases=False)
    run(job)


if __name__ == "__main__":
    main()
