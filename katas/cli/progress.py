"""Turn a test run into what a learner wants to know: which tasks of each kata are done."""

from __future__ import annotations

from dataclasses import dataclass, field

from katas.harness import catalogue, report, runner

SOLVED, IN_PROGRESS, NOT_STARTED, BROKEN = "solved", "in progress", "not started", "broken"
UNJUDGED, UNAVAILABLE = "not judged", "unavailable"


@dataclass
class KataState:
    """Where a learner stands on one kata."""

    kata: catalogue.Kata
    passed_tasks: list[int] = field(default_factory=list)
    broken: report.BrokenModule | None = None
    first_failure: report.TestResult | None = None  # the first failing test, in task order
    judged: bool = True  # False when the run ended before it said anything about this kata
    reused: bool = False  # True when the results come from an earlier run of the same inputs

    @property
    def state(self) -> str:
        if self.kata.unavailable_reason():
            return UNAVAILABLE
        if not self.judged:
            return UNJUDGED
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


def state_of(run: report.Run, kata: catalogue.Kata) -> KataState:
    """Return where ``run`` leaves the learner on ``kata``."""
    if not run.judged(kata.slug):
        return KataState(kata, judged=False)
    tests = run.tests_of(kata.slug)
    state = KataState(kata, broken=run.broken.get(kata.slug))
    for task in kata.tasks:
        of_task = [t for t in tests if t.task == task.number]
        if of_task and all(t.outcome == report.PASSED for t in of_task):
            state.passed_tasks.append(task.number)
    failing = [t for t in tests if t.outcome != report.PASSED]
    failing.sort(key=lambda t: t.task or 0)  # stable: the plugin ran them in task order
    state.first_failure = failing[0] if failing else None
    return state


def why_unjudged(run: report.Run) -> str:
    """Say, for a learner, why ``run`` judged nothing."""
    if run.collection_errors:
        return "pytest could not collect the tests:\n" + run.collection_errors[0][-1500:]
    return (
        f"The test run stopped before it could judge this kata (exit {run.exitstatus}): does "
        "a learner file end the process (os._exit(), a crash)? What it printed last:\n"
        + (run.output[-1500:] or "(nothing)")
    )


def _state_or_why(run: report.Run, kata: catalogue.Kata) -> KataState:
    state = state_of(run, kata)
    if not state.judged:
        state.first_failure = report.TestResult(
            kata.tests, kata.slug, None, report.ERROR, message=why_unjudged(run)
        )
    return state


def check(kata: catalogue.Kata, target: str = "katas") -> KataState:
    """Run ``kata``'s tests once now; return its state (watch, dojo)."""
    return _state_or_why(runner.run([kata], target), kata)


def _judge(katas) -> dict[str, report.Run]:
    """Run ``katas`` together; if that run crashed, run each alone, to judge all that can be.

    A learner file that ends the whole process (``os._exit()``, a crash) then costs
    only its own kata a verdict.
    """
    run = runner.run(katas)
    if run.finished or len(katas) == 1:
        return {kata.slug: run for kata in katas}
    return {kata.slug: runner.run([kata]) for kata in katas}


def collect(katas=None, fresh: bool = False) -> list[KataState]:
    """Return one state per kata of ``katas`` (default: all).

    A kata whose inputs are unchanged since its last judged run reuses that run's
    results (katas.cli.results); the others run now, together, in one child.
    ``fresh`` runs them all.
    """
    from katas.cli import results

    katas = catalogue.load() if katas is None else tuple(katas)
    unavailable = {k.slug: KataState(k, judged=False) for k in katas if k.unavailable_reason()}
    katas = tuple(k for k in katas if k.slug not in unavailable)
    if not katas:
        return list(unavailable.values())
    keys = results.keys(katas)
    stored = {} if fresh or keys is None else results.load(keys)
    stale = [k for k in katas if k.slug not in stored]
    found = {}
    if stale:
        runs = _judge(stale)
        for kata in stale:
            found[kata.slug] = _state_or_why(runs[kata.slug], kata)
        if keys is not None:
            judged = {
                k.slug: runs[k.slug].only([k.slug]) for k in stale if runs[k.slug].judged(k.slug)
            }
            results.save(keys, judged)
    for kata in katas:
        if kata.slug not in found:
            found[kata.slug] = state_of(stored[kata.slug], kata)
            found[kata.slug].reused = True
    found.update(unavailable)
    return [found[k.slug] for k in catalogue.load() if k.slug in found]
