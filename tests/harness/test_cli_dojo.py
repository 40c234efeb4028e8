"""`python -m katas dojo`, run end to end on a throw-away copy of the repository."""

import subprocess
import sys

from katas.harness import catalogue

FIRST = catalogue.load()[0]


def test_a_short_dojo_shows_the_kata_rotates_and_ends_with_a_retrospective(katas_repo):
    done = subprocess.run(
        [sys.executable, "-m", "katas", "dojo", "1", "--turn", "0.02", "--turns", "2"],
        cwd=katas_repo.path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert FIRST.tasks[0].title in done.stdout
    assert "Rotate! Turn 2" in done.stdout
    assert "Retrospective" in done.stdout
