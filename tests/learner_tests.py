"""Judge a learner's own tests, for a kata whose learner writes tests instead of code.

Such a kata (``testing_signals``) ships a story that works and, in
``katas/<slug>/broken/<name>/``, broken versions of it. Its tests run the learner's
test module (the current target's) in checker children
(:class:`katas.harness.nested.LearnerTests`): against the story, where every test must
pass, and against each broken version, where at least one must fail. A learner's test
belongs to the task of its ``@pytest.mark.task(N)``.

In the kata's conftest::

    learner_runs = learner_tests.fixture("testing_signals")

and in its tests, :func:`story`, :func:`expect_tests_for`, :func:`expect_all_pass` and
:func:`against` (see ``tests/testing_signals/``).
"""

from __future__ import annotations

import os
import re
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from katas.harness import catalogue, limits, report
from katas.harness.nested import broken_versions

# The only plugins of every run of the learner's tests (see learner_tests_plugin.py): what
# pyproject.toml's addopts would load, without the plugins it turns off (faker, anyio).
PLUGINS = "pytest_django.plugin,katas.harness.plugin,tests.learner_tests_plugin"
# How long one test of the learner's may run: well within the kata's own test's limit.
LEARNER_TEST_LIMIT = 5.0
SHOWN = 6  # how many of the learner's tests a message lists


@dataclass(frozen=True)
class Broken:
    """A broken version of the story: its folder, its task, what is wrong, what notices it.

    ``what`` reads after "No test of yours notices ..."; ``notice`` after "Write a test
    for task N that ...".
    """

    name: str
    task: int
    what: str
    notice: str


def described(slug: str, broken: tuple[Broken, ...]) -> tuple[Broken, ...]:
    """Return ``broken``, or raise if it does not describe exactly the kata's broken versions."""
    folders = broken_versions(catalogue.by_slug()[slug])
    names = sorted(b.name for b in broken)
    if names != folders:
        raise AssertionError(
            f"katas/{slug}/broken/ holds {folders}; the kata's tests describe {names}: "
            "describe each broken version, and only those"
        )
    return broken


def params(broken: tuple[Broken, ...]) -> list:
    """Return one pytest param per broken version, tagged with its task."""
    return [pytest.param(b, id=b.name, marks=pytest.mark.task(b.task)) for b in broken]


@contextmanager
def environment(**values):
    """Set environment variables for the block (read by the runs it starts), then restore them."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class LearnerRuns:
    """The learner's tests of one kata, each run (the story, a broken version) made once."""

    def __init__(self, slug: str, learner_tests, story: str):
        kata = catalogue.by_slug()[slug]
        self.learner_file = f"katas/{slug}/{kata.files[0]}"
        self.story = story  # what the learner calls the story: "the shop"
        self.learner_tests = learner_tests
        self.runs: dict[str | None, report.Run] = {}

    def run(self, broken: str | None = None) -> report.Run:
        if broken not in self.runs:
            self.runs[broken] = self.learner_tests.run(broken)
        return self.runs[broken]


def fixture(slug: str, story: str = "the story"):
    """Return a session fixture that yields :class:`LearnerRuns` for kata ``slug``.

    ``story`` is what the kata's README calls its story ("the shop"), for messages.
    """

    @pytest.fixture(scope="session")
    def learner_runs():
        from katas.harness.nested import LearnerTests

        own = limits.Limits.from_environment().test
        test_limit = min(LEARNER_TEST_LIMIT, own / 4)
        with (
            environment(
                PYTEST_PLUGINS=PLUGINS,
                PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
                KATAS_TEST_LIMIT=f"{test_limit:g}",
            ),
            LearnerTests(slug) as learner_tests,
        ):
            yield LearnerRuns(slug, learner_tests, story)

    return learner_runs


def listed(tests) -> str:
    names = [t.name for t in tests]
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    return ", ".join(names[:SHOWN]) + more


def readable(error: str, learner_file: str) -> str:
    """Return the lines of a collection error that say what went wrong, about the learner's file."""
    said = [line[1:] for line in error.splitlines() if line.startswith("E ")]
    text = textwrap.dedent("\n".join(said)).strip() if said else error[-1500:]
    # The runs judge a copy of the learner's file, in a temporary folder.
    return re.sub(r"[^\s\"']*katas-learner-tests-[^/\s]*/test_\w+\.py", learner_file, text)


def judged(runs: LearnerRuns, run: report.Run, against: str) -> report.Run:
    """Return ``run`` if it judged the learner's tests; fail, saying why, if it could not."""
    if run.collection_errors:
        pytest.fail(
            f"pytest could not collect your tests against {against}: {runs.learner_file} does "
            f"not import.\n{readable(run.collection_errors[0], runs.learner_file)}",
            pytrace=False,
        )
    if run.exitstatus == 5 or (run.exitstatus == 0 and not run.tests):  # no tests collected
        return run
    if not run.tests:
        pytest.fail(
            f"Your tests could not run against {against} (pytest exited {run.exitstatus}). "
            f"What it printed last:\n{run.output[-1500:] or '(nothing)'}",
            pytrace=False,
        )
    return run


def story(runs: LearnerRuns) -> report.Run:
    """Return the run of the learner's tests against the story as given."""
    return judged(runs, runs.run(), f"{runs.story} as given")


def expect_tests_for(runs: LearnerRuns, run: report.Run, task: int, what: str) -> None:
    """Fail unless the learner has a test of ``task``; ``what`` says what such a test checks."""
    if not [t for t in run.tests if t.task == task]:
        untagged = [t for t in run.tests if t.task is None]
        note = (
            f" ({listed(untagged)} carry no @pytest.mark.task(N), so they count for no task.)"
            if untagged
            else ""
        )
        pytest.fail(
            f"No tests for task {task} yet. Write one in {runs.learner_file}, marked "
            f"@pytest.mark.task({task}), that checks that {what}.{note}",
            pytrace=False,
        )


def expect_all_pass(runs: LearnerRuns, run: report.Run, needed_by: str = "") -> None:
    """Fail unless every test of the learner's passes against the story."""
    failing = [t for t in run.tests if t.outcome != report.PASSED]
    if not failing:
        return
    details = "\n".join(
        f"- {t.name} {t.outcome}: {t.message.strip()[:400] or '(no message)'}"
        for t in failing[:SHOWN]
    )
    pytest.fail(
        f"{needed_by}{len(failing)} of your {len(run.tests)} tests do not pass against "
        f"{runs.story} as given, which works as its README says. A test that fails there would "
        f"fail against every broken version too, and so tells nothing: fix the test.\n{details}",
        pytrace=False,
    )


def against(runs: LearnerRuns, broken: Broken) -> report.Run:
    """Return the run of the learner's tests against the broken version ``broken``."""
    return judged(runs, runs.run(broken.name), f"the broken version {broken.name}")


def caught(run: report.Run) -> list[report.TestResult]:
    """Return the learner's tests that failed (or errored) in ``run``."""
    return [t for t in run.tests if t.outcome in (report.FAILED, report.ERROR)]
