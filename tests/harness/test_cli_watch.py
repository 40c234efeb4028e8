"""The warm runner behind `watch` and `dojo`, and what watch shows, on throw-away copies."""

import io
import json
import os
import subprocess
import sys

from rich.console import Console

from katas.cli import progress, watch
from katas.harness import catalogue

FIRST = catalogue.load()[0]

STATE_SCRIPT = """
import json, sys
from katas.cli import warm
from katas.harness import catalogue
warm.preload()
kata = catalogue.load()[0]
state = warm.check(kata)
print(json.dumps({"state": state.state, "passed": state.passed_tasks,
                  "broken": state.broken}))
"""


def warm_state(repo) -> dict:
    """Run one warm check of the first kata inside ``repo``; return its state as a dict."""
    done = subprocess.run(
        [sys.executable, "-c", STATE_SCRIPT],
        cwd=repo.path,
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_warm_runner_reports_what_a_fresh_run_reports(katas_repo):
    solution = (katas_repo.path / "solutions" / FIRST.slug / FIRST.files[0]).read_text()
    # Half a solution: task 1 passes, a later task does not.
    katas_repo.write(
        f"katas/{FIRST.slug}/{FIRST.files[0]}",
        solution.replace("if raw or not created:", "if False:"),
    )

    fresh = progress.states(katas_repo.run(FIRST.tests).report, [FIRST])[0]
    warm = warm_state(katas_repo)

    assert warm == {"state": fresh.state, "passed": fresh.passed_tasks, "broken": None}
    assert fresh.state == progress.IN_PROGRESS


def test_the_warm_runner_reports_a_learner_file_that_does_not_import(katas_repo):
    katas_repo.write(f"katas/{FIRST.slug}/{FIRST.files[0]}", "def oops(:\n")

    warm = warm_state(katas_repo)

    assert warm["state"] == progress.BROKEN
    assert FIRST.files[0] in warm["broken"]["location"]


def test_watch_shows_only_the_first_failing_task():
    kata = next(k for k in catalogue.load() if len(k.tasks) >= 2)
    state = progress.KataState(
        kata,
        passed_tasks=[],
        first_failure={"nodeid": "tests/x.py::test_first", "message": "expected one profile"},
    )
    out = io.StringIO()

    watch.show(Console(file=out, width=200), state)

    text = out.getvalue()
    assert kata.tasks[0].title in text
    assert "expected one profile" in text
    for task in kata.tasks[1:]:
        assert task.title not in text
