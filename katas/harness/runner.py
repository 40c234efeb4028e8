"""Run a kata's tests in a fresh pytest process and read back the JSON report."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from katas.harness import catalogue, report, targets


@dataclass
class Run:
    """One finished pytest process: its exit status and its report."""

    target: str
    returncode: int
    report: dict
    output: str

    def tests_of(self, slug: str) -> list[dict]:
        return [t for t in self.report.get("tests", []) if t.get("kata") == slug]


def command(paths, report_path: Path, extra=()) -> list[str]:
    """Return the pytest command line that runs ``paths`` and writes ``report_path``."""
    return [
        sys.executable,
        "-m",
        "pytest",
        *map(str, paths),
        f"--katas-report={report_path}",
        "-p",
        "no:cacheprovider",
        "-q",
        *extra,
    ]


def start(paths, target: str, report_path: Path, extra=()) -> subprocess.Popen:
    """Start pytest on ``paths`` against ``target`` without waiting for it."""
    env = dict(os.environ, **{targets.ENV_VAR: target})
    return subprocess.Popen(
        command(paths, report_path, extra),
        cwd=catalogue.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen, target: str, report_path: Path) -> Run:
    """Wait for a process from :func:`start` and read its report."""
    output, _ = process.communicate()
    data = report.read(report_path) if report_path.exists() else {}
    return Run(target, process.returncode, data, output)


def run_both(paths, extra=()) -> tuple[Run, Run]:
    """Run ``paths`` against the katas and the solutions at once; return both runs."""
    with tempfile.TemporaryDirectory(prefix="katas-") as tmp:
        reports = {t: Path(tmp) / f"{t}.json" for t in (targets.KATAS, targets.SOLUTIONS)}
        processes = {t: start(paths, t, reports[t], extra) for t in reports}
        runs = {t: finish(processes[t], t, reports[t]) for t in reports}
    return runs[targets.KATAS], runs[targets.SOLUTIONS]
