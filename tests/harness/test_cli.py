"""The `python -m katas` commands, as a learner meets them."""

import subprocess

import pytest

from katas.cli import lookup
from katas.harness import catalogue, report

FIRST = catalogue.by_slug()["profile_on_signup"]  # its solution's text is used below
NEXT = next(k for k in catalogue.load() if k != FIRST)  # the first kata left to do


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
    done = katas_repo.katas("run", "zzz")

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
        return report.state_of(report_for(FIRST, outcomes, broken), FIRST)

    assert state([(n, "failed") for n in tasks]).state == report.NOT_STARTED
    partly = state([(tasks[0], "passed")] + [(n, "failed") for n in tasks[1:]])
    assert (partly.state, partly.passed_tasks, partly.next_task.number) == (
        report.IN_PROGRESS,
        [tasks[0]],
        tasks[1],
    )
    assert state([(n, "passed") for n in tasks]).state == report.SOLVED
    broken = report.BrokenModule("m", "SyntaxError", "katas/x.py", 3)
    assert state([(n, "failed") for n in tasks], broken).state == report.BROKEN


def test_the_board_shows_solved_broken_and_untouched_katas(katas_repo):
    katas_repo.solve(FIRST.slug)
    # The last kata whose learner files are code (not tests), so that they import at start-up.
    last = next(k for k in reversed(catalogue.load()) if not k.files[0].startswith("test_"))
    katas_repo.write(f"katas/{last.slug}/{last.files[0]}", "def oops(:\n")

    done = katas_repo.katas()

    assert done.returncode == 0, done.stderr
    assert "solved" in done.stdout
    assert f"katas/{last.slug}/{last.files[0]}:1" in done.stdout
    # The kata the learner is on (here the broken one) comes before one not started.
    assert f"Next: kata {last.number}, {last.slug}" in done.stdout
    assert f"First fix: katas/{last.slug}/{last.files[0]}:1" in done.stdout


def test_the_board_sends_the_learner_back_to_a_kata_in_progress(katas_repo):
    kata = FIRST  # a mistake that passes its first two tasks, and the first kata untouched
    assert kata.number > 1
    mistake = katas_repo.read(f"solutions/{kata.slug}/mistakes/no_raw_check/{kata.files[0]}")
    katas_repo.write(f"katas/{kata.slug}/{kata.files[0]}", mistake)

    done = katas_repo.katas()

    assert done.returncode == 0, done.stderr
    assert "in progress" in done.stdout
    assert f"Next: kata {kata.number}, {kata.slug}" in done.stdout


def test_the_board_reruns_only_the_katas_whose_files_changed(katas_repo):
    count = len(catalogue.load())

    def board(*args):
        done = katas_repo.katas(*args)
        assert done.returncode == 0, done.stderr
        return " ".join(done.stdout.split())  # rich wraps lines at 80 columns

    assert "reused" not in board()
    assert f"Results of {count} unchanged katas reused from their last check;" in board()
    katas_repo.solve(FIRST.slug)
    changed = board()
    assert (
        f"Results of {count - 1} unchanged katas reused from their last check, 1 checked now"
        in (changed)
    )
    assert f"Next: kata {NEXT.number}," in changed
    assert "reused" not in board("board", "--fresh")


def test_the_board_explains_a_learner_file_that_exits(katas_repo):
    katas_repo.write(f"katas/{FIRST.slug}/{FIRST.files[0]}", "raise SystemExit(3)\n")

    done = katas_repo.katas()

    # The loader catches SystemExit like any import error: the kata is broken, not the board.
    assert done.returncode == 0, done.stderr
    assert f"katas/{FIRST.slug}/{FIRST.files[0]}:1: the module calls exit(3)" in done.stdout


def test_results_keys_follow_each_katas_own_files_and_everything_else(katas_repo, monkeypatch):
    from katas.harness import results

    monkeypatch.setattr(catalogue, "ROOT", katas_repo.path)
    monkeypatch.setattr(catalogue, "KATAS_DIR", katas_repo.path / "katas")
    katas = catalogue.load()

    def keys():
        return results.keys_now(katas, "katas", results.shared_digest("katas"))

    before = keys()
    learner = FIRST.learner_paths()[0]
    learner.write_text(learner.read_text() + "# my edit\n")
    mine = keys()
    assert [k for k in before if before[k] != mine[k]] == [FIRST.slug]
    # A module the learner adds belongs to its kata too.
    katas_repo.write(f"katas/{FIRST.slug}/wording.py", "GREETING = 'hi'\n")
    helper = keys()
    assert [k for k in mine if mine[k] != helper[k]] == [FIRST.slug]

    settings = katas_repo.path / "katas" / "settings.py"
    settings.write_text(settings.read_text() + "# a maintainer's edit\n")
    shared = keys()
    assert all(shared[k] != helper[k] for k in helper)


def test_hints_come_one_at_a_time(katas_repo):
    task = FIRST.tasks[0]
    shown = [katas_repo.katas("hint", FIRST.slug, "1").stdout for _ in task.hints]

    for number, (text, hint) in enumerate(zip(shown, task.hints, strict=True), start=1):
        assert f"Hint {number} of {len(task.hints)}" in text
        assert hint in text
    assert f"python -m katas solution {FIRST.slug}" in shown[-1]
    again = katas_repo.katas("hint", FIRST.slug, "1").stdout
    assert "No more hints" in again
    assert task.hints[-1] in again
    bad = katas_repo.katas("hint", FIRST.slug, "9")
    assert bad.returncode == 2
    assert f"has no task 9; its tasks are 1 to {len(FIRST.tasks)}" in bad.stderr


def test_reset_backs_up_then_restores_without_git(katas_repo):
    assert not (katas_repo.path / ".git").exists()
    learner = katas_repo.path / "katas" / FIRST.slug / FIRST.files[0]
    shipped = learner.read_text()
    learner.write_text("# my precious work\n")

    refused = katas_repo.katas("reset", FIRST.slug)
    assert refused.returncode == 1
    assert learner.read_text() == "# my precious work\n"

    done = katas_repo.katas("reset", FIRST.slug, "--yes")

    assert done.returncode == 0, done.stdout + done.stderr
    assert learner.read_text() == shipped
    backups = list((katas_repo.path / ".katas-backup").glob(f"{FIRST.slug}-*/{learner.name}"))
    assert [b.read_text() for b in backups] == ["# my precious work\n"]
    assert str(backups[0].parent.relative_to(katas_repo.path)) in done.stdout


SHIP_CHECK = "import runpy; runpy.run_module('katas.harness.ship', run_name='__main__')"


def test_ship_check_compares_the_committed_learner_files_never_the_working_tree(katas_repo):
    def git(*args):
        who = ("-c", "user.name=m", "-c", "user.email=m@example.com")
        subprocess.run(["git", *who, *args], cwd=katas_repo.path, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "the course")
    assert katas_repo.python(SHIP_CHECK, "--check").returncode == 0
    # A learner's work in the working tree: still green, and no advice to ship it.
    katas_repo.solve()
    learner_view = katas_repo.python(SHIP_CHECK, "--check")
    assert learner_view.returncode == 0, learner_view.stderr
    # A maintainer commits a changed learner file without shipping it: red, with the fix.
    git("commit", "-qam", "changed, not shipped")
    stale = katas_repo.python(SHIP_CHECK, "--check")
    assert stale.returncode == 1
    assert f"python -m katas.harness.ship {FIRST.slug}" in stale.stderr


def test_solution_asks_first_then_shows_a_diff(katas_repo):
    assert katas_repo.katas("solution", FIRST.slug).returncode == 1

    done = katas_repo.katas("solution", FIRST.slug, "--yes", "--diff")

    assert done.returncode == 0
    assert f"+++ solutions/{FIRST.slug}/{FIRST.files[0]} (reference)" in done.stdout
    (katas_repo.path / "solutions" / FIRST.slug / FIRST.files[0]).unlink()
    missing = katas_repo.katas("solution", FIRST.slug, "--yes")
    assert missing.returncode == 1
    assert f"solutions/{FIRST.slug}/{FIRST.files[0]} is missing" in missing.stderr


WARM_SCRIPT = """
import sys
from katas.harness import catalogue, progress
from katas.harness.checker import Checker

kata = catalogue.by_slug()["profile_on_signup"]
target = kata.learner_paths()[0]
with Checker() as checker:
    for text in sys.argv[1:]:
        target.write_text(text)  # same size each time, very likely within one second
        print(progress.check(checker, kata).state)
"""


def test_the_checker_sees_every_save_even_within_one_second(katas_repo):
    solution = (katas_repo.path / "solutions" / FIRST.slug / FIRST.files[0]).read_text()
    assert "if raw or not created:" in solution
    fixed = solution.replace("if raw or not created:", "if raw or not created or 0:")
    broken = solution.replace("if raw or not created:", "if raw or not created or 1:")

    # Bytecode caching on, as on a learner's machine: that is where stale code hides.
    env = {"PYTHONDONTWRITEBYTECODE": ""}
    done = katas_repo.python(WARM_SCRIPT, fixed, broken, fixed, env=env)

    assert done.stdout.split() == [report.SOLVED, "not", "started", report.SOLVED], done.stderr


def test_watch_stops_cleanly_on_ctrl_c(katas_repo):
    import signal

    process, seen = katas_repo.watch_until_watching(FIRST.slug)  # checked: Ctrl-C now
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
