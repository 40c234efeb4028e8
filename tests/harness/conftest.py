"""Fixtures for the harness's own tests: a throw-away copy of the course to break.

``katas_repo`` is a copy of the course as shipped (the learner files are the shipped
copies, whatever this working tree's learner files hold: a learner's work never
changes what these tests see), with the commands to run in it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from katas.harness import catalogue, report

ROOT = catalogue.ROOT
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")


class RepoCopy:
    """A copy of the course (katas/, solutions/, the kata tests): a test may break anything."""

    def __init__(self, path: Path):
        self.path = path
        self.processes: list[subprocess.Popen] = []
        self.tmp = path.parent / "tmp"  # the commands' TMPDIR: what they leave there is seen
        self.tmp.mkdir(parents=True, exist_ok=True)
        for name in ("katas", "solutions"):
            shutil.copytree(ROOT / name, self.path / name, ignore=IGNORE, dirs_exist_ok=True)
        shutil.copytree(
            ROOT / "tests",
            self.path / "tests",
            ignore=shutil.ignore_patterns("harness", "__pycache__"),
            dirs_exist_ok=True,
        )
        for name in ("conftest.py", "pyproject.toml"):
            shutil.copy(ROOT / name, self.path / name)
        self.ship()

    def ship(self, *slugs: str) -> None:
        """Lay the shipped copies over the learner files of ``slugs`` (default: all)."""
        for kata in catalogue.load():
            if slugs and kata.slug not in slugs:
                continue
            for name, shipped in zip(kata.files, kata.shipped_paths(), strict=True):
                shutil.copy(shipped, self.path / "katas" / kata.slug / name)

    def write(self, relative: str, text: str) -> Path:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, relative: str) -> str:
        return (self.path / relative).read_text(encoding="utf-8")

    def solve(self, *slugs: str) -> None:
        """Copy the reference solutions over the learner files of ``slugs`` (default: all)."""
        for kata in catalogue.load():
            if slugs and kata.slug not in slugs:
                continue
            for name in kata.files:
                shutil.copy(
                    ROOT / "solutions" / kata.slug / name, self.path / "katas" / kata.slug / name
                )

    def environment(self, env=None) -> dict[str, str]:
        """The commands' environment: ours without a target, with a temporary folder of its own."""
        found = {k: v for k, v in os.environ.items() if k not in ("KATAS_TARGET", "PYTEST_ADDOPTS")}
        found["TMPDIR"] = str(self.tmp)
        found.update(env or {})
        return found

    def run(self, *args: str, timeout: float = 300, env=None) -> Outcome:
        """Run plain pytest in the copy; return its result and the session's typed report."""
        path = self.path / "report.json"
        path.unlink(missing_ok=True)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                *args,
                f"--katas-report={path}",
                "-p",
                "no:cacheprovider",
            ],
            cwd=self.path,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            env=self.environment(env),
        )
        return Outcome(done, report.read(path))

    def katas(self, *args: str, env=None, timeout: float = 120, stdin=subprocess.DEVNULL):
        """Run ``python -m katas ARGS`` in the copy; return the completed process."""
        return subprocess.run(
            [sys.executable, "-m", "katas", *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=stdin,
            env=self.environment(env),
        )

    def python(self, code: str, *args: str, env=None, timeout: float = 120):
        """Run ``python -c CODE ARGS`` in the copy; return the completed process."""
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            env=self.environment({"PYTHONPATH": str(self.path), **(env or {})}),
        )

    def start(self, *command: str, env=None) -> subprocess.Popen:
        """Start ``command`` in the copy, in a session of its own; it is killed after the test."""
        process = subprocess.Popen(
            list(command),
            cwd=self.path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=self.environment(env),
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def watch_until_watching(self, *args: str, env=None) -> tuple[subprocess.Popen, str]:
        """Start ``katas watch ARGS``; return it, and what it printed by its first "Watching"."""
        process = self.start(sys.executable, "-m", "katas", "watch", *args, env=env)
        seen = ""
        deadline = time.monotonic() + 120
        while "Watching" not in seen:
            line = process.stdout.readline()
            assert line, (
                "watch ended before it said it was watching:\n" + seen + process.stderr.read()
            )
            assert time.monotonic() < deadline, seen
            seen += line
        return process, seen

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, 9)
                except OSError:
                    process.kill()
                process.wait()

    def leftovers(self) -> list[str]:
        """Return what commands left behind: temporary folders, partial files, database files."""
        found = [
            f"TMPDIR/{p.name}" for p in self.tmp.iterdir() if not p.name.startswith("pytest-of")
        ]
        found += [
            str(p.relative_to(self.path))
            for p in self.path.rglob("*")
            if p.name.endswith(".partial") or p.name in ("db.sqlite3", "other.sqlite3")
        ]
        return sorted(found)


class Outcome:
    """A finished pytest run in a :class:`RepoCopy`: its output and the typed report."""

    def __init__(self, done: subprocess.CompletedProcess, run: report.Run | None):
        self.done = done
        self.returncode = done.returncode
        self.run = run or report.Run("none", -1)
        self.text = done.stdout + done.stderr

    def tests(self, kata: str | None = None) -> list[report.TestResult]:
        return [t for t in self.run.tests if kata is None or t.kata == kata]

    def outcomes(self, kata: str | None = None) -> set[str]:
        """Return the set of outcomes of ``kata``'s tests (default: every test)."""
        return {t.outcome for t in self.tests(kata)}

    def others(self, kata: str) -> list[report.TestResult]:
        return [t for t in self.tests() if t.kata != kata]


@pytest.fixture
def katas_repo(tmp_path, monkeypatch) -> RepoCopy:
    """A fresh copy of the course as shipped, with commands to run in it."""
    monkeypatch.delenv("KATAS_TARGET", raising=False)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    copy = RepoCopy(tmp_path / "repo")
    yield copy
    copy.close()


@pytest.fixture
def solved_repo(katas_repo) -> RepoCopy:
    """A copy where every kata is solved, so any red test was caused by the test itself."""
    katas_repo.solve()
    return katas_repo
