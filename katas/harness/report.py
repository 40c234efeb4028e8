"""Record a test run as JSON, so tools read results instead of pytest's text.

The file holds one entry per test (its kata, task, outcome, the phase that
decided it and the exception type), the collection errors, and the learner
modules that failed to import.
"""

from __future__ import annotations

import json
from pathlib import Path


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
        self.path = path
        self.tests: dict[str, dict] = {}
        self.collection_errors: list[dict] = []

    def pytest_runtest_logreport(self, report):
        entry = self.tests.setdefault(
            report.nodeid,
            {
                "nodeid": report.nodeid,
                "kata": getattr(report, "katas_slug", None),
                "task": getattr(report, "katas_task", None),
                "outcome": None,
                "when": None,
                "exception": None,
                "message": "",
            },
        )
        if entry["outcome"] in ("failed", "error"):
            return  # the first problem decides; a teardown error after a failure adds nothing
        if report.failed:
            entry["outcome"] = "failed" if report.when == "call" else "error"
        elif report.skipped:
            entry["outcome"] = "skipped"
        elif report.when == "call":
            entry["outcome"] = "passed"
        else:
            return
        entry["when"] = report.when
        entry["exception"] = getattr(report, "katas_exception", None)
        entry["message"] = _message(report) if not report.passed else ""

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(
                {"nodeid": report.nodeid, "message": str(report.longrepr)}
            )

    def pytest_sessionfinish(self, session, exitstatus):
        from katas.harness.loading import broken

        data = {
            "target": session.config.katas_target,
            "exitstatus": int(exitstatus),
            "tests": list(self.tests.values()),
            "collection_errors": self.collection_errors,
            "broken": {
                label: {"module": b.module, "location": b.location(), "error": b.error}
                for label, b in broken.items()
            },
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def read(path: Path) -> dict:
    """Load a report written by :class:`Recorder`."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
