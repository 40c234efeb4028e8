"""Plain ``pytest`` on the katas, brief: one line per kata, and the one failure to fix first.

A learner who types ``pytest`` on the shipped katas would otherwise get every
failure in full, over a thousand lines. This plugin (registered by the harness's
plugin when the learner's katas run with pytest's default output) lets pytest show
the first failing test in full, in course and task order, then sums up each kata.
``-v``, ``--tb=...`` or ``--solutions`` turn it off: pytest's output as usual.
"""

from __future__ import annotations

import pytest

from katas.harness import catalogue, internals, rules


def wanted(config) -> bool:
    """True when the learner ran plain ``pytest`` on their katas, with default output."""
    from katas.harness import targets
    from katas.harness.plugin import session_of

    return (
        session_of(config).target == targets.KATAS
        and config.getoption("verbose") <= 0
        and config.getoption("tbstyle") == "auto"
    )


class Brief:
    """Show the first failure in full and one line per kata, instead of every failure."""

    def __init__(self):
        self.reports: list = []

    def pytest_runtest_logreport(self, report):
        if getattr(report, "katas_slug", None) and (report.when == "call" or report.failed):
            self.reports.append(report)

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_terminal_summary(self, terminalreporter):
        # Wraps pytest's own summary: while it prints, the failures it sees are the
        # first kata failure and any failure of another kind; then all come back.
        stats = internals.terminal_stats(terminalreporter)
        first = next((r for r in self.reports if r.failed), None)
        # The "short test summary" would repeat that failure (in full, on CI), and the
        # katas' own summary follows.
        terminalreporter.reportchars = terminalreporter.reportchars.replace("f", "").replace(
            "E", ""
        )
        hidden = {}
        if first is not None:
            for key in ("failed", "error"):
                if key in stats:
                    hidden[key] = stats[key]
                    stats[key] = [
                        r for r in stats[key] if r is first or not getattr(r, "katas_slug", None)
                    ]
        try:
            return (yield)
        finally:
            stats.update(hidden)
            if first is not None:
                self._sum_up(terminalreporter)

    def _sum_up(self, terminalreporter) -> None:
        write = terminalreporter.write_line
        terminalreporter.section("katas", sep="=")
        for kata in catalogue.load():
            mine = [r for r in self.reports if r.katas_slug == kata.slug]
            if not mine:
                continue
            bad = {r.nodeid for r in mine if r.failed}
            outcomes = {}
            for r in mine:  # a test's outcome: its first problem, else its call's
                if r.nodeid not in outcomes or r.failed or r.skipped:
                    outcomes[r.nodeid] = (r.katas_task, "passed" if r.passed else r.outcome)
            done = [
                task.number
                for task in kata.tasks
                if rules.task_done([o for n, o in outcomes.values() if n == task.number])
            ]
            tasks = kata.tasks
            state = "solved" if len(done) == len(tasks) else f"{len(bad)} tests failing"
            write(
                f"{kata.number:>2} {kata.slug:<22} {len(done)} of {len(tasks)} tasks done, {state}"
            )
        write("")
        write("The failure above is the one to fix first (course order, then task order).")
        write("python -m katas shows the board and the next task; pytest -v shows every failure.")
