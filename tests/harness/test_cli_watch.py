"""The checker behind `watch` and `dojo`, and what watch shows, on throw-away copies."""

import io
import json

import pytest
from rich.console import Console

from katas.cli import watch
from katas.harness import catalogue, progress, report

FIRST = catalogue.by_slug()["profile_on_signup"]  # its solution's text is used below

STATE_SCRIPT = """
import json, sys
from katas.harness import catalogue, progress
from katas.harness.checker import Checker
kata = catalogue.by_slug()["profile_on_signup"]
with Checker(fork=sys.argv[1] == "fork") as checker:
    state = progress.check(checker, kata)
print(json.dumps({"state": state.state, "passed": state.passed_tasks,
                  "broken": state.broken and state.broken.location()}))
"""

# The same check with fork (every command on POSIX) and without (each child a fresh
# process, as where there is no fork): both must judge the learner's code the same.
WAYS = pytest.mark.parametrize("no_fork", ["fork", "spawn"])


def warm_state(repo, no_fork="fork") -> dict:
    """Run one check of the kata inside ``repo``; return its state as a dict."""
    done = repo.python(STATE_SCRIPT, no_fork, env={"PYTHONDONTWRITEBYTECODE": ""})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@WAYS
def test_the_checker_reports_what_plain_pytest_reports(katas_repo, no_fork):
    solution = (katas_repo.path / "solutions" / FIRST.slug / FIRST.files[0]).read_text()
    # Half a solution: task 1 passes, a later task does not.
    katas_repo.write(
        f"katas/{FIRST.slug}/{FIRST.files[0]}",
        solution.replace("if raw or not created:", "if False:"),
    )

    fresh = report.state_of(katas_repo.run(FIRST.tests).run, FIRST)
    warm = warm_state(katas_repo, no_fork)

    assert warm == {"state": fresh.state, "passed": fresh.passed_tasks, "broken": None}
    assert fresh.state == report.IN_PROGRESS


@WAYS
def test_the_checker_reports_a_learner_file_that_does_not_import(katas_repo, no_fork):
    katas_repo.write(f"katas/{FIRST.slug}/{FIRST.files[0]}", "def oops(:\n")

    warm = warm_state(katas_repo, no_fork)

    assert warm["state"] == report.BROKEN
    assert f"{FIRST.files[0]}:1" in warm["broken"]


def test_watch_shows_only_the_first_failing_task():
    kata = next(k for k in catalogue.load() if len(k.tasks) >= 2)
    state = report.KataState(
        kata,
        passed_tasks=[],
        first_failure=report.TestResult(
            "tests/x.py::test_first", kata.slug, 1, "failed", message="expected one profile"
        ),
    )
    out = io.StringIO()

    watch.show(Console(file=out, width=200), state)

    text = out.getvalue()
    assert kata.tasks[0].title in text
    assert "expected one profile" in text
    for task in kata.tasks[1:]:
        assert task.title not in text


class ScriptedSaves:
    """Stands in for Saves: hands out the saves of a script, one look at a time."""

    def __init__(self, looks):
        self.looks = list(looks)

    def pending(self):
        return self.looks.pop(0) if self.looks else set()

    def wait(self, timeout=None):
        raise KeyboardInterrupt  # the learner stops watching


def test_watch_rechecks_a_save_made_after_solved_before_moving_on(monkeypatch):
    first, second = catalogue.load()[:2]
    # The learner's first save solves the first kata; a second save, a moment later
    # (while watch checks the next kata), breaks it again.
    verdicts = {first.slug: [True, False], second.slug: [False]}
    checked = []

    def check(checker, kata):
        checked.append(kata.slug)
        solved = verdicts[kata.slug].pop(0)
        return report.KataState(kata, passed_tasks=[t.number for t in kata.tasks] if solved else [])

    monkeypatch.setattr(progress, "check", check)
    out = io.StringIO()
    saves = ScriptedSaves([set(), {first.slug}])
    spy = watch.Watch(Console(file=out, width=200), saves, catalogue.load(), checker=None)

    with pytest.raises(KeyboardInterrupt):
        spy.follow(first)

    assert checked == [first.slug, second.slug, first.slug]
    assert out.getvalue().rstrip().splitlines()[-1].startswith("Watching"), out.getvalue()
    last_screen = out.getvalue().rsplit(f"kata {first.number}: {first.slug}", 1)[-1]
    assert "Solved" not in last_screen
