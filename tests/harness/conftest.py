"""Fixtures for the harness's own tests: a throw-away copy of the repository to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from katas.harness import catalogue, report

ROOT = catalogue.ROOT
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")


class RepoCopy:
    """A copy of katas/, solutions/ and the kata tests, where a test may break anything."""

    def __init__(self, pytester: pytest.Pytester):
        self.pytester = pytester
        self.path = pytester.path
        for name in ("katas", "solutions"):
            shutil.copytree(ROOT / name, self.path / name, ignore=IGNORE)
        shutil.copytree(
            ROOT / "tests",
            self.path / "tests",
            ignore=shutil.ignore_patterns("harness", "__pycache__"),
        )
        for name in ("conftest.py", "pyproject.toml"):
            shutil.copy(ROOT / name, self.path / name)

    def write(self, relative: str, text: str) -> Path:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def solve(self, *slugs: str) -> None:
        """Copy the reference solutions over the learner files of ``slugs`` (default: all)."""
        for kata in catalogue.load():
            if slugs and kata.slug not in slugs:
                continue
            for name in kata.files:
                shutil.copy(
                    ROOT / "solutions" / kata.slug / name, self.path / "katas" / kata.slug / name
                )

    def run(self, *args: str, timeout: float = 300) -> Outcome:
        """Run pytest in the copy; return its result and the harness's report."""
        path = self.path / "report.json"
        path.unlink(missing_ok=True)
        result = self.pytester.runpytest_subprocess(
            *args, f"--katas-report={path}", "-p", "no:cacheprovider", timeout=timeout
        )
        return Outcome(result, report.read(path))


class Outcome:
    """A finished run in a :class:`RepoCopy`: pytest's result and the typed report."""

    def __init__(self, result: pytest.RunResult, run: report.Run | None):
        self.result = result
        self.run = run or report.Run("none", -1)
        self.text = result.stdout.str() + result.stderr.str()

    def tests(self, kata: str | None = None) -> list[report.TestResult]:
        return [t for t in self.run.tests if kata is None or t.kata == kata]

    def outcomes(self, kata: str | None = None) -> set[str]:
        """Return the set of outcomes of ``kata``'s tests (default: every test)."""
        return {t.outcome for t in self.tests(kata)}

    def others(self, kata: str) -> list[report.TestResult]:
        return [t for t in self.tests() if t.kata != kata]


@pytest.fixture
def katas_repo(pytester, monkeypatch) -> RepoCopy:
    """A fresh copy of the repository, run with its own pytest (``katas_repo.run``)."""
    monkeypatch.delenv("KATAS_TARGET", raising=False)
    return RepoCopy(pytester)
