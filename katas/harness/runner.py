"""Run katas' tests and return the typed report: the one way every command does it.

Each run happens in a child, so that nothing a learner's code does (``exit()``,
``os._exit()``, a crash, an endless loop) can take the command down with it or
leave a wrong verdict: where the platform can fork, a forked child of this
process; elsewhere a fresh ``python -m pytest``. Both use the same pytest
arguments (:func:`pytest_args`) and write the harness's report, which the parent
reads back (:mod:`katas.harness.report`).

A long-lived process (``watch``, ``dojo``, ``verify``) first calls :func:`warm_up`:
Django and the libraries are imported once, the learner's modules are not; each
forked child then imports them fresh from disk, for its own target.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from katas.harness import catalogue, loading, report, targets

# Forking is the fast path; KATAS_NO_FORK=1 forces the subprocess path (the harness's
# tests use it to prove that path right on platforms that have fork).
NO_FORK_ENV_VAR = "KATAS_NO_FORK"

# A backstop: tests and imports have their own, shorter limits (katas.harness.limits).
DEADLINE = 300.0

_warm = False
_databases_set_up = False  # by warm_up(), in this process's main thread
# True in a child forked from a warm process whose test databases are already set up.
database_ready = False


def can_fork() -> bool:
    return hasattr(os, "fork") and not os.environ.get(NO_FORK_ENV_VAR)


def pytest_args(paths, report_path: Path, extra=()) -> list[str]:
    """Return pytest's arguments to run ``paths`` quietly and write the report to ``report_path``.

    ``--tb=no``: messages come from the report, and formatting tracebacks is slow.
    No unraisable-exception hook: it forces a full garbage collection at the end of
    every run, a tenth of a second that judges nothing here.
    """
    return [
        *map(str, paths),
        f"--katas-report={report_path}",
        *("-p", "no:cacheprovider", "-p", "no:unraisableexception"),
        "-q",
        "--tb=no",
        *extra,
    ]


def warm_up(databases: bool = True) -> None:
    """Set Django up and import the libraries once, but none of the learner's modules.

    The apps' ready() defer their learner imports (katas.harness.loading); each
    forked run imports them afresh from disk. With ``databases``, the test databases
    are set up here too, for the children forked from this process's main thread; a
    caller that runs checks from another thread (the dojo) passes False: its children
    set theirs up, and never meet databases that another thread's connection holds.
    """
    global _warm
    if _warm or not can_fork():
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "katas.settings")
    os.environ[loading.DEFER_ENV_VAR] = "1"
    targets.activate(targets.KATAS)
    import django

    django.setup()
    import django.test  # noqa: F401
    import factory.django  # noqa: F401
    import model_bakery.baker  # noqa: F401
    import pytest  # noqa: F401
    import pytest_django.plugin  # noqa: F401

    if databases:
        _set_up_test_databases()
    # What is imported now is never collected: each forked child skips it (and its
    # pages stay shared with the parent instead of being copied by the collector).
    gc.freeze()
    _warm = True


def _set_up_test_databases() -> None:
    """Create the (in-memory SQLite) test databases once, for every forked child.

    As pytest-django would (no migration files, as pyproject's --no-migrations says),
    and with no post_migrate receiver, as the harness's plugin does. Each child gets
    its own copy of the databases with its copy of the process; not on a database
    server (DATABASE_URL), where children must not share one.
    """
    global _databases_set_up
    if os.environ.get("DATABASE_URL"):
        return
    from django.db import connections
    from django.db.models.signals import post_migrate
    from django.test.utils import setup_databases
    from pytest_django.fixtures import _disable_migrations

    from katas.harness.isolation import silenced

    _disable_migrations()
    with silenced(post_migrate):
        setup_databases(verbosity=0, interactive=False, aliases=set(connections))
    _databases_set_up = True


@dataclass
class Job:
    """One run under way: which katas, against which target, in which child."""

    katas: tuple[catalogue.Kata, ...]
    target: str
    folder: Path
    pid: int | None = None
    process: subprocess.Popen | None = None
    code: int | None = None  # the child's exit status, once it ended
    forked_from_main_thread: bool = field(
        default_factory=lambda: threading.current_thread() is threading.main_thread()
    )
    started: float = field(default_factory=time.monotonic)

    @property
    def report_path(self) -> Path:
        return self.folder / "report.json"

    @property
    def output_path(self) -> Path:
        return self.folder / "output.txt"


def _child(job: Job, extra) -> None:  # pragma: no cover - runs in the forked child
    global database_ready
    code = 3
    # Django's connections belong to the thread that made them: only a child forked
    # from the warm process's main thread may use the databases set up there.
    database_ready = _databases_set_up and job.forked_from_main_thread
    try:
        out = os.open(job.output_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.chdir(catalogue.ROOT)  # pytest finds its configuration in pyproject.toml
        os.environ[targets.ENV_VAR] = job.target
        targets.activate(job.target)
        loading.only = {kata.slug for kata in job.katas}
        loading.import_deferred()  # the learner's code, fresh from disk (when warm)
        import pytest

        code = int(pytest.main(pytest_args([k.tests for k in job.katas], job.report_path, extra)))
    except BaseException:  # noqa: BLE001 - whatever happened, the parent reads the report
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def start(katas, target: str = targets.KATAS, extra=()) -> Job:
    """Start running ``katas``' tests against ``target`` in a child; return at once."""
    job = Job(tuple(katas), target, Path(tempfile.mkdtemp(prefix="katas-run-")))
    try:
        _spawn(job, extra)
    except BaseException:  # Ctrl-C before the child is under way: leave nothing behind
        _kill(job)
        _cleanup(job)
        raise
    return job


def _spawn(job: Job, extra) -> None:
    if can_fork():
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            _child(job, extra)
        job.pid = pid
        return
    env = {k: v for k, v in os.environ.items() if k != loading.DEFER_ENV_VAR}
    env[targets.ENV_VAR] = job.target
    paths = [k.tests for k in job.katas]
    with open(job.output_path, "wb") as output:
        job.process = subprocess.Popen(
            [sys.executable, "-m", "pytest", *pytest_args(paths, job.report_path, extra)],
            cwd=catalogue.ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def _poll(job: Job) -> int | None:
    """Return the child's exit status if it ended, else None."""
    if job.code is None:
        if job.process is not None:
            job.code = job.process.poll()
        else:
            pid, status = os.waitpid(job.pid, os.WNOHANG)
            if pid != 0:
                job.code = os.waitstatus_to_exitcode(status)
    return job.code


def _kill(job: Job) -> None:
    if job.code is not None or (job.pid is None and job.process is None):
        return
    if job.process is not None:
        job.process.kill()
        job.code = job.process.wait()
        return
    try:
        os.kill(job.pid, signal.SIGKILL)
        os.waitpid(job.pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    job.code = -signal.SIGKILL


def _cleanup(job: Job) -> None:
    for path in job.folder.iterdir():
        path.unlink(missing_ok=True)
    job.folder.rmdir()


def finish(job: Job, deadline: float = DEADLINE) -> report.Run:
    """Wait for ``job``, read its report and clean up; return the run.

    A child that crashed, was killed, or wrote no report gives a run that is not
    :attr:`~katas.harness.report.Run.finished`, with what it printed. Ctrl-C stops
    the child too, and leaves nothing behind.
    """
    overran = False
    try:
        pause = 0.002
        while _poll(job) is None:
            if time.monotonic() - job.started > deadline:
                overran = True
                _kill(job)
                break
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        code = job.code
        run = report.read(job.report_path)
        output = job.output_path.read_text(encoding="utf-8", errors="replace")
    except BaseException:
        _kill(job)
        raise
    finally:
        _cleanup(job)
    if run is None or overran:
        # Crashed, killed, or ended without a report: a run that judged nothing.
        run = report.Run(job.target, code if code not in report.FINISHED else 3)
        if overran:
            output += f"\nThe tests did not finish in {deadline:g} s and were stopped."
    run.output = output
    return run


def run(katas, target: str = targets.KATAS, extra=()) -> report.Run:
    """Run ``katas``' tests against ``target``; return the run."""
    return finish(start(katas, target, extra))


def run_many(jobs, parallel: int = 2) -> list[report.Run]:
    """Run each ``(katas, target)`` of ``jobs``, ``parallel`` at a time; return runs in order."""
    jobs = list(jobs)
    runs: list[report.Run | None] = [None] * len(jobs)
    under_way: dict[int, Job] = {}
    following = 0
    try:
        while following < len(jobs) or under_way:
            while following < len(jobs) and len(under_way) < parallel:
                katas, target = jobs[following]
                under_way[following] = start(katas, target)
                following += 1
            done = [
                i
                for i, job in under_way.items()
                if _poll(job) is not None or time.monotonic() - job.started > DEADLINE
            ]
            for index in done:
                runs[index] = finish(under_way.pop(index))
            if not done:
                time.sleep(0.01)
    except BaseException:
        for job in under_way.values():
            _kill(job)
            _cleanup(job)
        raise
    return runs
