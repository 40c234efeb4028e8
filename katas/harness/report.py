"""The one report of a test run, typed, and the plugin that records it.

Every tool reads a run through these dataclasses: a :class:`Run` holds one
:class:`TestResult` per test, the collection errors, and per kata the
:class:`BrokenModule` that kept its code from importing. The pytest plugin's
:class:`Recorder` writes a run as JSON (``--katas-report``); :func:`read` loads it
back. Nothing outside this module knows the JSON's keys.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

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
        """Return ``path:line`` of the learner's code, relative to the working folder."""
        if self.filename is None:
            return self.module
        try:
            shown = Path(self.filename).resolve().relative_to(Path.cwd())
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
    """One pytest session: its target, exit status and every result it recorded."""

    target: str
    exitstatus: int
    tests: list[TestResult] = field(default_factory=list)
    collection_errors: list[str] = field(default_factory=list)
    broken: dict[str, BrokenModule] = field(default_factory=dict)
    output: str = ""  # what pytest printed, when the caller captured it

    @property
    def finished(self) -> bool:
        """True when pytest ran to its end and judged what it collected (no crash, no Ctrl-C)."""
        return self.exitstatus in FINISHED and not self.collection_errors

    def tests_of(self, slug: str) -> list[TestResult]:
        return [t for t in self.tests if t.kata == slug]

    def judged(self, slug: str) -> bool:
        """True when this run says something about ``slug``: tests ran or its code is broken."""
        return self.finished and (slug in self.broken or bool(self.tests_of(slug)))

    def only(self, slugs) -> Run:
        """Return the part of this run about ``slugs``."""
        slugs = set(slugs)
        return Run(
            self.target,
            self.exitstatus,
            [t for t in self.tests if t.kata in slugs],
            list(self.collection_errors),
            {s: b for s, b in self.broken.items() if s in slugs},
        )

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
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a katas report: {error}") from None

    @classmethod
    def merge(cls, runs: list[Run]) -> Run:
        """Return one run holding the results of ``runs`` (each about other katas)."""
        merged = cls(
            runs[0].target if runs else "katas", max((r.exitstatus for r in runs), default=0)
        )
        for run in runs:
            merged.tests += run.tests
            merged.collection_errors += run.collection_errors
            merged.broken.update(run.broken)
        return merged


def read(path: Path) -> Run | None:
    """Load a run written by :class:`Recorder`; None when there is none or it is unreadable."""
    try:
        return Run.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def learner_view_problems(run: Run | None) -> list[str]:
    """Return why ``run`` is not the learner's first view (every kata test fails, none errors).

    A kata this Django cannot run (its catalogue ``django`` field) is skipped instead.
    ``.ci/run`` calls this on plain ``pytest`` of the shipped katas.
    """
    from katas.harness import catalogue

    unavailable = {k.slug for k in catalogue.load() if k.unavailable_reason()}
    if run is None:
        return ["pytest wrote no report"]
    found = [f"could not collect: {error[-300:]}" for error in run.collection_errors]
    if run.exitstatus != 1:
        found.append(f"pytest exited {run.exitstatus}, not 1 (tests failed)")
    if not any(t.outcome == FAILED for t in run.tests):
        found.append("no kata test failed")
    found += [
        f"{t.nodeid} {t.outcome}, not failed"
        for t in run.tests
        if t.outcome != FAILED and not (t.outcome == SKIPPED and t.kata in unavailable)
    ]
    found += [
        f"{t.nodeid} failed with {t.exception}, not by an assertion: {t.message[:200]}"
        for t in run.tests
        if t.outcome == FAILED and t.exception not in ("AssertionError", "Failed")
    ]
    return found


def _message(report) -> str:
    """Return the failure's short text: the assertion message, not the traceback."""
    longrepr = report.longrepr
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message
    if isinstance(longrepr, tuple):  # skips: (path, line, reason)
        return str(longrepr[-1])
    return str(longrepr or "")


class Recorder:
    """A pytest plugin object that writes the run to ``path`` when the session ends."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.tests: dict[str, TestResult] = {}
        self.collection_errors: list[str] = []

    def pytest_runtest_logreport(self, report):
        known = self.tests.get(report.nodeid)
        if known is not None and known.outcome in (FAILED, ERROR):
            return  # the first problem decides; a teardown error after a failure adds nothing
        if report.failed:
            outcome = FAILED if report.when == "call" else ERROR
        elif report.skipped:
            outcome = SKIPPED
        elif report.when == "call":
            outcome = PASSED
        else:
            return
        self.tests[report.nodeid] = TestResult(
            nodeid=report.nodeid,
            kata=getattr(report, "katas_slug", None),
            task=getattr(report, "katas_task", None),
            outcome=outcome,
            when=report.when,
            exception=getattr(report, "katas_exception", None),
            message="" if report.passed else _message(report),
        )

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {report.longrepr}")

    def pytest_sessionfinish(self, session, exitstatus):
        from katas.harness.loading import broken

        run = Run(
            target=session.config.katas_target,
            exitstatus=int(exitstatus),
            tests=list(self.tests.values()),
            collection_errors=self.collection_errors,
            broken=dict(broken),
        )
        # Written beside, then renamed: a reader never sees half a report. The folder is
        # the caller's: if it is gone (the caller was interrupted), write nothing.
        if not self.path.parent.is_dir():
            return
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(run.to_dict(), indent=1), encoding="utf-8")
        partial.replace(self.path)
