"""The `python -m katas` commands, as a learner meets them."""

import os
import subprocess
import sys

import pytest

from katas.cli import lookup, progress
from katas.harness import catalogue, consistency, report

FIRST = catalogue.by_slug()["profile_on_signup"]  # its solution's text is used below
NEXT = next(k for k in catalogue.load() if k != FIRST)  # the first kata left to do


def katas_command(repo, *args, stdin=subprocess.DEVNULL):
    return subprocess.run(
        [sys.executable, "-m", "katas", *args],
        cwd=repo.path,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=stdin,
    )


@pytest.mark.parametrize(
    "text", [FIRST.slug, FIRST.slug[:5], str(FIRST.number), FIRST.slug.upper()]
)
def test_a_kata_is_found_by_slug_prefix_or_number(text):
    assert lookup.find(text) == FIRST


def test_an_unknown_kata_suggests_the_closest_slugs():
    with pytest.raises(
        lookup.UnknownKata, match=r"no kata 'profile_on_sigup'; did you mean profile_on_signup\?"
    ):
        lookup.find("profile_on_sigup")
    with pytest.raises(lookup.UnknownKata, match="no kata '99'"):
        lookup.find("99")


def test_an_unknown_kata_exits_2_with_the_message(katas_repo):
    done = katas_command(katas_repo, "run", "zzz")

    assert done.returncode == 2
    assert "no kata 'zzz'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_kata_argument_lists_the_katas():
    with pytest.raises(lookup.UnknownKata, match=f"which kata\\? .*{FIRST.slug}"):
        lookup.find(None)


def report_for(kata, outcomes, broken=None):
    tests = [
        report.TestResult(f"t::{i}", kata.slug, task, outcome, message="m")
        for i, (task, outcome) in enumerate(outcomes)
    ]
    return report.Run("katas", 1, tests, broken={kata.slug: broken} if broken else {})


def test_states_follow_the_tasks_that_pass():
    tasks = [t.number for t in FIRST.tasks]

    def state(outcomes, broken=None):
        return progress.state_of(report_for(FIRST, outcomes, broken), FIRST)

    assert state([(n, "failed") for n in tasks]).state == progress.NOT_STARTED
    partly = state([(tasks[0], "passed")] + [(n, "failed") for n in tasks[1:]])
    assert (partly.state, partly.passed_tasks, partly.next_task.number) == (
        progress.IN_PROGRESS,
        [tasks[0]],
        tasks[1],
    )
    assert state([(n, "passed") for n in tasks]).state == progress.SOLVED
    broken = report.BrokenModule("m", "SyntaxError", "katas/x.py", 3)
    assert state([(n, "failed") for n in tasks], broken).state == progress.BROKEN


def test_the_board_shows_solved_broken_and_untouched_katas(katas_repo):
    katas_repo.solve(FIRST.slug)
    last = catalogue.load()[-1]
    katas_repo.write(f"katas/{last.slug}/{last.files[0]}", "def oops(:\n")

    done = katas_command(katas_repo)

    assert done.returncode == 0, done.stderr
    assert "solved" in done.stdout
    assert f"katas/{last.slug}/{last.files[0]}:1" in done.stdout
    assert f"Next: kata {NEXT.number}," in done.stdout


def test_the_board_reruns_only_the_katas_whose_files_changed(katas_repo):
    count = len(catalogue.load())

    def board(*args):
        done = katas_command(katas_repo, *args)
        assert done.returncode == 0, done.stderr
        return " ".join(done.stdout.split())  # rich wraps lines at 80 columns

    assert "reused" not in board()
    assert f"Results of {count} unchanged katas reused from their last run;" in board()
    katas_repo.solve(FIRST.slug)
    changed = board()
    assert f"Results of {count - 1} unchanged katas reused from their last run, 1 run now" in (
        changed
    )
    assert f"Next: kata {NEXT.number}," in changed
    assert "reused" not in board("board", "--fresh")


def test_the_board_explains_a_learner_file_that_exits(katas_repo):
    katas_repo.write(f"katas/{FIRST.slug}/{FIRST.files[0]}", "raise SystemExit(3)\n")

    done = katas_command(katas_repo)

    # The loader catches SystemExit like any import error: the kata is broken, not the board.
    assert done.returncode == 0, done.stderr
    assert f"katas/{FIRST.slug}/{FIRST.files[0]}:1: the module calls exit(3)" in done.stdout


def test_results_keys_follow_the_learner_files_and_everything_else(katas_repo, monkeypatch):
    from katas.cli import results

    monkeypatch.setattr(catalogue, "ROOT", katas_repo.path)
    monkeypatch.setattr(catalogue, "KATAS_DIR", katas_repo.path / "katas")
    katas = catalogue.load()
    before = results.keys(katas)

    learner = FIRST.learner_paths()[0]
    learner.write_text(learner.read_text() + "# my edit\n")
    mine = results.keys(katas)
    assert [k for k in before if before[k] != mine[k]] == [FIRST.slug]

    settings = katas_repo.path / "katas" / "settings.py"
    settings.write_text(settings.read_text() + "# a maintainer's edit\n")
    shared = results.keys(katas)
    assert all(shared[k] != mine[k] for k in mine)


def test_hints_come_one_at_a_time(katas_repo):
    task = FIRST.tasks[0]
    shown = [katas_command(katas_repo, "hint", FIRST.slug, "1").stdout for _ in task.hints]

    for number, (text, hint) in enumerate(zip(shown, task.hints, strict=True), start=1):
        assert f"Hint {number} of {len(task.hints)}" in text
        assert hint in text
    assert f"python -m katas solution {FIRST.slug}" in shown[-1]
    again = katas_command(katas_repo, "hint", FIRST.slug, "1").stdout
    assert "No more hints" in again
    assert task.hints[-1] in again
    bad = katas_command(katas_repo, "hint", FIRST.slug, "9")
    assert bad.returncode == 2
    assert f"has no task 9; its tasks are 1 to {len(FIRST.tasks)}" in bad.stderr


def test_reset_backs_up_then_restores_without_git(katas_repo):
    assert not (katas_repo.path / ".git").exists()
    learner = katas_repo.path / "katas" / FIRST.slug / FIRST.files[0]
    shipped = learner.read_text()
    learner.write_text("# my precious work\n")

    refused = katas_command(katas_repo, "reset", FIRST.slug)
    assert refused.returncode == 1
    assert learner.read_text() == "# my precious work\n"

    done = katas_command(katas_repo, "reset", FIRST.slug, "--yes")

    assert done.returncode == 0, done.stdout + done.stderr
    assert learner.read_text() == shipped
    backups = list((katas_repo.path / ".katas-backup").glob(f"{FIRST.slug}-*/{learner.name}"))
    assert [b.read_text() for b in backups] == ["# my precious work\n"]
    assert str(backups[0].parent.relative_to(katas_repo.path)) in done.stdout


def test_the_shipped_copies_match_the_learner_files():
    # Fails after a maintainer edits a learner file: run `python -m katas.harness.ship`.
    assert [p for kata in catalogue.load() for p in consistency.shipped_problems(kata)] == []


def test_consistency_names_a_stale_or_missing_shipped_copy(katas_repo, monkeypatch):
    monkeypatch.setattr(catalogue, "ROOT", katas_repo.path)
    monkeypatch.setattr(catalogue, "KATAS_DIR", katas_repo.path / "katas")
    monkeypatch.setattr(catalogue, "SOLUTIONS_DIR", katas_repo.path / "solutions")
    learner = FIRST.learner_paths()[0]
    learner.write_text(learner.read_text() + "# a maintainer's change\n")

    assert f"run `python -m katas.harness.ship {FIRST.slug}`" in "\n".join(
        consistency.problems([FIRST])
    )
    FIRST.shipped_paths()[0].unlink()
    assert "no shipped copy" in "\n".join(consistency.shipped_problems(FIRST))


def test_solution_asks_first_then_shows_a_diff(katas_repo):
    assert katas_command(katas_repo, "solution", FIRST.slug).returncode == 1

    done = katas_command(katas_repo, "solution", FIRST.slug, "--yes")

    assert done.returncode == 0
    assert f"+++ solutions/{FIRST.slug}/{FIRST.files[0]} (reference)" in done.stdout
    (katas_repo.path / "solutions" / FIRST.slug / FIRST.files[0]).unlink()
    missing = katas_command(katas_repo, "solution", FIRST.slug, "--yes")
    assert missing.returncode == 1
    assert f"solutions/{FIRST.slug}/{FIRST.files[0]} is missing" in missing.stderr


WARM_SCRIPT = """
import sys
from pathlib import Path
from katas.cli import progress
from katas.harness import catalogue, runner

runner.warm_up()
kata = catalogue.by_slug()["profile_on_signup"]
target = kata.learner_paths()[0]
for text in sys.argv[1:]:
    target.write_text(text)  # same size each time, very likely within one second
    print(progress.check(kata).state)
"""


def test_the_warm_runner_sees_every_save_even_within_one_second(katas_repo):
    solution = (katas_repo.path / "solutions" / FIRST.slug / FIRST.files[0]).read_text()
    assert "if raw or not created:" in solution
    fixed = solution.replace("if raw or not created:", "if raw or not created or 0:")
    broken = solution.replace("if raw or not created:", "if raw or not created or 1:")

    done = subprocess.run(
        [sys.executable, "-c", WARM_SCRIPT, fixed, broken, fixed],
        cwd=katas_repo.path,
        capture_output=True,
        text=True,
        timeout=120,
        # Bytecode caching on, as on a learner's machine: that is where stale code hides.
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )

    assert done.stdout.split() == [progress.SOLVED, "not", "started", progress.SOLVED], done.stderr


def test_watch_stops_cleanly_on_ctrl_c(katas_repo):
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "katas", "watch", FIRST.slug],
        cwd=katas_repo.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = ""
    while "Watching" not in seen:  # the first check is done: Ctrl-C now
        line = process.stdout.readline()
        assert line, "watch ended before it said it was watching"
        seen += line
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    out = seen + out

    assert "Watching" in out
    assert "Stopped watching" in out
    assert "Traceback" not in err


def test_the_katas_console_script_runs_the_command_line(capsys):
    from importlib.metadata import entry_points

    from katas import cli

    (script,) = entry_points(group="console_scripts", name="katas")
    assert script.value == "katas.cli:main"
    assert script.load() is cli.main
    assert cli.main(["hint", "zzz"]) == 2
    assert "no kata 'zzz'" in capsys.readouterr().err
