"""The verdict's types: one test run, typed, and where it leaves a learner on each kata.

Every tool reads a run through these dataclasses: a :class:`Run` holds one
:class:`TestResult` per test, the collection errors, and per kata the
:class:`BrokenModule` that kept its code from importing; :class:`KataState` says
what a run means for one kata (its done tasks, its first failure). A checker child
writes its run as JSON (:meth:`Run.to_dict`); :func:`read` loads it back. Nothing
outside this module knows the JSON's keys.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from katas.harness import catalogue, rules

PASSED, FAILED, ERROR, SKIPPED = "passed", "failed", "error", "skipped"

# pytest's exit codes that mean "the run finished and judged every test it collected"
FINISHED = (0, 1)


@dataclass(frozen=True)
class BrokenModule:
    """Why a learner module could not be imported."""

    module: str  # katas.<slug>.<file>
    error: str  # "SyntaxError: invalid syntax"
    filename: str | None = None
    lineno: int | None = None
    details: str = ""  # the traceback, trimmed to the learner's own frames
    hint: str = ""  # what to do about it, when the harness knows (a missing file: reset)

    def location(self) -> str:
        """Return ``path:line`` of the learner's code, relative to the repository."""
        if self.filename is None:
            return self.module
        try:
            shown = Path(self.filename).resolve().relative_to(catalogue.ROOT)
        except ValueError:
            shown = self.filename
        return f"{shown}:{self.lineno}" if self.lineno else str(shown)

    def describe(self) -> str:
        """Return one line: where the learner's code broke, and how."""
        text = f"{self.location()}: {self.error}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class TestResult:
    """The outcome of one test: what decided it, and the learner-facing message."""

    nodeid: str
    kata: str | None
    task: int | None
    outcome: str  # passed, failed (in the test), error (in setup or teardown), skipped
    when: str = "call"
    exception: str | None = None  # the exception's type name, e.g. "AssertionError"
    message: str = ""

    @property
    def name(self) -> str:
        """The test's name without its file: ``test_x[param]``."""
        return self.nodeid.split("::", 1)[-1]


@dataclass
class Run:
    """One judged run: its target, exit status and every result it recorded.

    ``digests`` holds, per kata, the digest of the kata's own files exactly as the
    run read them (:mod:`katas.harness.targets`): a stored verdict is keyed on what
    was judged, never on what the files hold after a save made meanwhile.
    """

    target: str
    exitstatus: int
    tests: list[TestResult] = field(default_factory=list)
    collection_errors: list[str] = field(default_factory=list)
    broken: dict[str, BrokenModule] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    output: str = ""  # what the run printed, when something went wrong

    @property
    def finished(self) -> bool:
        """True when the run judged what it collected (no crash it could not account for)."""
        return self.exitstatus in FINISHED and not self.collection_errors

    def tests_of(self, slug: str) -> list[TestResult]:
        return [t for t in self.tests if t.kata == slug]

    def judged(self, slug: str) -> bool:
        """True when this run says something about ``slug``: tests ran or its code is broken."""
        return self.finished and (slug in self.broken or bool(self.tests_of(slug)))

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("output")
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Run:
        """Build a run from :meth:`to_dict`'s shape; raise ValueError on any other shape."""
        try:
            return cls(
                target=str(data["target"]),
                exitstatus=int(data["exitstatus"]),
                tests=[TestResult(**t) for t in data["tests"]],
                collection_errors=[str(e) for e in data["collection_errors"]],
                broken={str(s): BrokenModule(**b) for s, b in data["broken"].items()},
                digests={str(s): str(d) for s, d in data.get("digests", {}).items()},
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a katas report: {error}") from None


def read(path: Path) -> Run | None:
    """Load a run written with :meth:`Run.to_dict`; None when there is none or it is unreadable."""
    try:
        return Run.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def write(run: Run, path: Path) -> None:
    """Write ``run`` to ``path`` whole: beside it first, then renamed, so no reader sees half."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(run.to_dict(), indent=1), encoding="utf-8")
    partial.replace(path)


# --- Where a run leaves the learner --------------------------------------------------

SOLVED, IN_PROGRESS, NOT_STARTED, BROKEN = "solved", "in progress", "not started", "broken"
UNJUDGED, UNAVAILABLE = "not judged", "unavailable"


@dataclass
class KataState:
    """Where a learner stands on one kata."""

    kata: catalogue.Kata
    passed_tasks: list[int] = field(default_factory=list)
    broken: BrokenModule | None = None
    first_failure: TestResult | None = None  # the first failing test, in task order
    judged: bool = True  # False when the run ended before it said anything about this kata
    reused: bool = False  # True when the results come from an earlier run of the same inputs
    unavailable: str | None = None  # why this Django cannot run the kata, if it cannot

    @property
    def state(self) -> str:
        if self.unavailable:
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

    @property
    def summary(self) -> str:
        """One short phrase for a table cell: solved, task N, not started, broken..."""
        if self.state == IN_PROGRESS:
            return f"task {self.next_task.number}"
        return self.state


def state_of(run: Run, kata: catalogue.Kata) -> KataState:
    """Return where ``run`` leaves the learner on ``kata``."""
    if not run.judged(kata.slug):
        state = KataState(kata, judged=False)
        state.first_failure = TestResult(
            kata.tests, kata.slug, None, ERROR, message=why_unjudged(run)
        )
        return state
    tests = run.tests_of(kata.slug)
    state = KataState(kata, broken=run.broken.get(kata.slug))
    for task in kata.tasks:
        if rules.task_done([t.outcome for t in tests if t.task == task.number]):
            state.passed_tasks.append(task.number)
    failing = [t for t in tests if t.outcome != PASSED]
    failing.sort(key=lambda t: t.task or 0)  # stable: the run ordered them by task
    state.first_failure = failing[0] if failing else None
    return state


def unavailable_state(kata: catalogue.Kata, reason: str) -> KataState:
    """Return the state of a kata that this Django cannot run, saying why."""
    return KataState(kata, judged=False, unavailable=reason)


def why_unjudged(run: Run) -> str:
    """Say, for a learner, why ``run`` judged nothing."""
    if run.collection_errors:
        return "pytest could not collect the tests:\n" + run.collection_errors[0][-1500:]
    return (
        f"The check stopped before it could judge this kata (exit {run.exitstatus}). "
        "What it printed last:\n" + (run.output[-1500:] or "(nothing)")
    )
