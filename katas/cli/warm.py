"""Run a kata's tests from a warm process: the loop behind `watch` and `dojo`.

A fresh pytest process spends most of its second importing Django, pytest and the
libraries. This module imports them once; each check then forks a child that sets
Django up, imports the learner's modules (fresh, never inherited) and runs the
kata's tests, writing the harness's JSON report for the parent to read.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path

from katas.cli import progress
from katas.harness import catalogue, loading, report, runner


def preload() -> None:
    """Set Django up and import the libraries, but none of the learner's modules.

    The apps' ready() defer their learner imports (katas.harness.loading); each
    forked check imports them afresh from disk.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "katas.settings")
    os.environ[loading.DEFER_ENV_VAR] = "1"
    import django

    django.setup()
    import django.test  # noqa: F401
    import factory.django  # noqa: F401
    import model_bakery.baker  # noqa: F401
    import pytest  # noqa: F401
    import pytest_django.plugin  # noqa: F401
    import rich.console  # noqa: F401


def forget_bytecode(kata: catalogue.Kata) -> None:
    """Delete the cached bytecode of the learner files.

    Python trusts a .pyc whose recorded source mtime (whole seconds) and size match,
    so two saves in one second that keep the size (a `1` turned into a `2`) would run
    stale code. Compiling the few learner files afresh costs next to nothing.
    """
    for path in kata.learner_paths():
        cached = Path(importlib.util.cache_from_source(str(path)))
        for pyc in cached.parent.glob(f"{path.stem}.*.pyc"):
            pyc.unlink(missing_ok=True)


def _child(kata: catalogue.Kata, report_path: Path) -> None:
    import pytest

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.chdir(catalogue.ROOT)
    loading.import_deferred()  # the learner's code, fresh from disk
    code = pytest.main(
        [kata.tests, f"--katas-report={report_path}", "-p", "no:cacheprovider", "-q", "--tb=no"]
    )
    os._exit(int(code))


def check(kata: catalogue.Kata) -> progress.KataState:
    """Run ``kata``'s tests once against the learner's code; return its state."""
    forget_bytecode(kata)
    with tempfile.TemporaryDirectory(prefix="katas-watch-") as tmp:
        path = Path(tmp) / "report.json"
        if hasattr(os, "fork"):
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child never returns
                try:
                    _child(kata, path)
                finally:
                    os._exit(3)
            os.waitpid(pid, 0)
            data = report.read(path) if path.exists() else {}
        else:
            data = runner.finish(runner.start([kata.tests], "katas", path), "katas", path).report
    if not data:
        return progress.KataState(
            kata, first_failure={"message": "the test run crashed", "task": None}
        )
    return progress.states(data, [kata])[0]
