"""Turn a test report into what a learner wants to know: which tasks are done.

The report is the JSON written by the harness's pytest plugin (katas.harness.report);
nothing here reads pytest's text output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from katas.harness import catalogue, report

SOLVED, IN_PROGRESS, NOT_STARTED, BROKEN = "solved", "in progress", "not started", "broken"


class RunFailed(RuntimeError):
    """The test run ended before writing its report; the message says what is known."""


@dataclass
class KataState:
    """Where a learner stands on one kata."""

    kata: catalogue.Kata
    passed_tasks: list[int] = field(default_factory=list)
    broken: dict | None = None  # the report's entry: module, location, error
    first_failure: dict | None = None  # the first failing test, in task order
    reused: bool = False  # True when the results come from an earlier run of the same inputs

    @property
    def state(self) -> str:
        if self.broken:
            return BROKEN
        if len(self.passed_tasks) == len(self.kata.tasks) and self.first_failure is None:
            return SOLVED
        return IN_PROGRESS if self.passed_tasks else NOT_STARTED

    @property
    def next_task(self) -> catalogue.Task:
        """The first task not yet passed (the last one when all pass)."""
        for task in self.kata.tasks:
            if task.number not in self.passed_tasks:
                return task
        return self.kata.tasks[-1]


def states(report: dict, katas=None) -> list[KataState]:
    """Return one state per kata in ``katas`` (default: the whole course) from ``report``."""
    katas = catalogue.load() if katas is None else katas
    found = []
    for kata in katas:
        tests = [t for t in report.get("tests", []) if t.get("kata") == kata.slug]
        state = KataState(kata, broken=report.get("broken", {}).get(kata.slug))
        for task in kata.tasks:
            of_task = [t for t in tests if t.get("task") == task.number]
            if of_task and all(t["outcome"] == "passed" for t in of_task):
                state.passed_tasks.append(task.number)
        failing = [t for t in tests if t["outcome"] != "passed"]
        failing.sort(key=lambda t: t.get("task") or 0)
        state.first_failure = failing[0] if failing else None
        if not tests and not state.broken:
            state.first_failure = {"message": "no test ran", "task": None, "nodeid": kata.tests}
        found.append(state)
    return found


def run_report(katas=None) -> dict:
    """Run ``katas``' tests (default: all) in this process; return the plugin's JSON report.

    In-process saves a second interpreter start; the caller is a short-lived
    command, so Django being set up here afterwards harms nothing.
    """
    import contextlib
    import io
    import os
    import tempfile
    from pathlib import Path

    import pytest

    katas = catalogue.load() if katas is None else katas
    with tempfile.TemporaryDirectory(prefix="katas-") as tmp:
        path = Path(tmp) / "report.json"
        os.chdir(catalogue.ROOT)  # pytest finds its configuration in pyproject.toml
        quiet = io.StringIO()
        stopped = None
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            try:
                # --tb=no: the messages come from the report; formatting tracebacks is slow.
                pytest.main(
                    [k.tests for k in katas]
                    + [f"--katas-report={path}", "-p", "no:cacheprovider", "-q", "--tb=no"]
                )
            except SystemExit as exit_:  # e.g. exit() at the top of a learner file
                stopped = exit_
        data = report.read(path) if path.exists() else {}
    if not data:
        reason = f"something called exit({stopped.code!r})" if stopped else "it wrote no report"
        raise RunFailed(
            f"The tests stopped before they could report ({reason}); "
            "is there an exit() or sys.exit() in a learner file?\n" + quiet.getvalue()[-2000:]
        )
    return data


def collect(katas=None, fresh: bool = False) -> list[KataState]:
    """Return one state per kata of ``katas`` (default: all).

    A kata whose inputs are unchanged since its last run reuses that run's results
    (katas.cli.results); the others run now, together, in one pytest session.
    ``fresh`` runs them all.
    """
    from katas.cli import results

    katas = catalogue.load() if katas is None else katas
    wanted = results.keys(katas)
    stored = {} if fresh else results.load()
    stale = [k for k in katas if stored.get(k.slug, {}).get("key") != wanted[k.slug]]
    if stale:
        ran = results.split(run_report(stale), stale)
        for kata in stale:
            stored[kata.slug] = {**ran[kata.slug], "key": wanted[kata.slug]}
        results.save(stored)
    found = states(results.merge([stored[k.slug] for k in katas]), katas)
    for state in found:
        state.reused = state.kata not in stale
    return found
