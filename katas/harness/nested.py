"""Run a learner's own tests, for a kata whose learner writes tests instead of code.

Such a kata's learner files are test modules (``test_*.py`` in ``katas/<slug>/``). Its
tests judge them by running them twice over: against the kata's story as given
(every test must pass), and against each broken version of the story in
``katas/<slug>/broken/<name>/`` (at least one test must fail). Each run is a checker
job of its own, in a fresh child, within the usual limits::

    with LearnerTests("testing_signals") as learner_tests:
        run = learner_tests.run()                      # against the story as given
        run = learner_tests.run("sends_twice")         # against one broken version

The learner's module is the current target's (your katas, the solutions, a gallery
entry, the kata as shipped), copied beside the job as ``test_<name>.py`` so pytest
collects and rewrites it as a test module.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from katas.harness import catalogue, report, rules, targets
from katas.harness.checker import Checker

BROKEN = "broken"  # the folder of a kata's broken versions of its story


def broken_versions(kata: catalogue.Kata) -> list[str]:
    """Return the names of ``kata``'s broken versions of its story, sorted."""
    folder = kata.directory / BROKEN
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != "__pycache__")


class LearnerTests:
    """The learner's tests of one kata, ready to run against the story or a broken version."""

    def __init__(self, slug: str, target: str | None = None):
        self.kata = catalogue.by_slug()[slug]
        self.target = target or targets.current()
        self._checker: Checker | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="katas-learner-tests-"))

    def _copies(self) -> list[str]:
        """Copy the target's learner test modules beside the job; return their paths."""
        mapping = targets.files_for(self.kata, self.target)
        paths = []
        for name in self.kata.files:
            source = mapping[rules.module_name(self.kata, name)]
            copy = self._folder / f"test_{Path(name).stem.removeprefix('test_')}.py"
            if source.is_file():
                shutil.copyfile(source, copy)
            else:
                copy.write_text(f"raise ImportError('{name} is missing')\n", encoding="utf-8")
            paths.append(str(copy))
        return paths

    def run(self, broken: str | None = None) -> report.Run:
        """Run the learner's tests against the story, or against the broken version ``broken``."""
        if self._checker is None:
            self._checker = Checker(parallel=1)
        overlay = ""
        if broken is not None:
            folder = self.kata.directory / BROKEN / broken
            overlay = folder.relative_to(catalogue.ROOT).as_posix()
        return self._checker.run(
            self.kata.slug,
            self.target,
            paths=self._copies(),
            options=("--rootdir", str(catalogue.ROOT)),
            overlay=overlay,
        )

    def close(self) -> None:
        if self._checker is not None:
            self._checker.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> LearnerTests:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
