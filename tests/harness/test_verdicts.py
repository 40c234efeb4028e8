"""Verdicts you can trust: whatever a learner's file does, every path judges it right.

Each test here reproduces a way a learner's code once fooled, hung or crashed the
harness (plain pytest, `katas run`, the board, watch, verify), on a throw-away copy
of the repository with every kata solved but the one under test.
"""

from __future__ import annotations

import os
import py_compile
import signal
import subprocess
import sys
import time

import pytest

from katas.harness import catalogue

KATA = catalogue.by_slug()["course_completed"]  # its test module imports signals.py at its top
SIGNALS = f"katas/{KATA.slug}/signals.py"
FIRST = catalogue.by_slug()["profile_on_signup"]
FIRST_FILE = f"katas/{FIRST.slug}/receivers.py"


def others_pass(run, slug):
    others = run.others(slug)
    assert others, run.text
    assert {t.outcome for t in others} == {"passed"}, [t for t in others if t.outcome != "passed"]


# 1. Stale bytecode


def write_with_stale_bytecode(repo, relative, cached_text, text):
    """Write ``text`` to ``relative`` while a valid-looking .pyc of ``cached_text`` sits beside it.

    Python trusts a .pyc whose recorded source mtime (whole seconds) and size match: two
    saves within one second that keep the size (a 0 turned into a 1) look unchanged.
    """
    assert len(cached_text) == len(text)
    path = repo.write(relative, cached_text)
    stamp = path.stat().st_mtime_ns
    py_compile.compile(str(path), doraise=True)
    path.write_text(text)
    os.utime(path, ns=(stamp, stamp))


@pytest.mark.parametrize("command", ["pytest", "run", "board"])
def test_no_path_judges_a_file_by_its_stale_bytecode(solved_repo, command):
    solution = (solved_repo.path / "solutions" / FIRST.slug / "receivers.py").read_text()
    good = solution.replace("if raw or not created:", "if raw or not created or 0:")
    bad = solution.replace("if raw or not created:", "if raw or not created or 1:")
    write_with_stale_bytecode(solved_repo, FIRST_FILE, good, bad)
    env = {"PYTHONDONTWRITEBYTECODE": ""}

    if command == "pytest":
        run = solved_repo.run(FIRST.tests)
        assert {t.outcome for t in run.tests(FIRST.slug) if t.task == 1} != {"passed"}
    elif command == "run":
        done = solved_repo.katas("run", FIRST.slug, env=env)
        assert done.returncode == 1, done.stdout
    else:
        done = solved_repo.katas("board", "--fresh", env=env)
        line = next(x for x in done.stdout.splitlines() if FIRST.slug in x)
        assert "solved" not in line, done.stdout


# 3. exit() in a module that a test module imports at its top


def test_exit_in_a_module_imported_by_a_test_module_fails_only_its_kata(solved_repo):
    solved_repo.write(SIGNALS, "raise SystemExit(4)\n")

    run = solved_repo.run()

    assert "INTERNALERROR" not in run.text
    assert run.run.exitstatus == 1
    assert {t.outcome for t in run.tests(KATA.slug)} == {"failed"}
    assert f"{SIGNALS}:1: the module calls exit(4) when imported" in run.tests(KATA.slug)[0].message
    others_pass(run, KATA.slug)


def test_the_board_judges_the_other_katas_when_one_calls_exit(solved_repo):
    solved_repo.write(SIGNALS, "raise SystemExit(4)\n")

    done = solved_repo.katas()

    assert done.returncode == 0, done.stderr
    for kata in catalogue.load():
        line = next(x for x in done.stdout.splitlines() if kata.slug in x)
        assert ("broken" if kata == KATA else "solved") in line, done.stdout
    assert f"{SIGNALS}:1: the module calls exit(4)" in done.stdout


# 4. An endless loop at import


@pytest.mark.parametrize(
    "code", ["while True:\n    pass\n", "import time\n\ntime.sleep(3600)\n"], ids=["loop", "sleep"]
)
def test_a_module_that_never_finishes_importing_fails_only_its_kata(solved_repo, monkeypatch, code):
    monkeypatch.setenv("KATAS_IMPORT_LIMIT", "1")
    solved_repo.write(SIGNALS, code)
    started = time.monotonic()

    run = solved_repo.run(timeout=60)

    # One time limit, not one per test module that imports it.
    assert time.monotonic() - started < 120  # not a limit per test module (on a loaded machine)
    message = run.tests(KATA.slug)[0].message
    assert f"{SIGNALS}:" in message, message
    assert "did not finish in 1 s" in message
    others_pass(run, KATA.slug)


def test_ctrl_c_during_a_hanging_import_names_the_file(solved_repo):
    started = solved_repo.path / "started"
    solved_repo.write(SIGNALS, f"open({str(started)!r}, 'w').close()\nwhile True:\n    pass\n")
    process = solved_repo.start(
        sys.executable, "-m", "pytest", KATA.tests, "-p", "no:cacheprovider"
    )
    deadline = time.monotonic() + 60
    while not started.exists():  # then it hangs in signals.py
        assert time.monotonic() < deadline, "signals.py was never imported"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)

    assert f"Interrupted while importing katas.{KATA.slug}.signals ({SIGNALS}:" in err, out + err


def test_a_test_that_never_ends_fails_with_the_learners_line(solved_repo, monkeypatch):
    monkeypatch.setenv("KATAS_TEST_LIMIT", "2")
    path = f"katas/{FIRST.slug}/receivers.py"
    solution = (solved_repo.path / "solutions" / FIRST.slug / "receivers.py").read_text()
    solved_repo.write(
        path,
        solution.replace(
            "    if raw or not created:",
            "    while True:\n        pass\n    if raw or not created:",
        ),
    )

    run = solved_repo.run(FIRST.tests, "-x", timeout=60)

    first = run.tests(FIRST.slug)[0]
    assert (first.outcome, first.exception) == ("failed", "Failed"), first
    assert f"Your code was still running at {path}:" in first.message


# 5. Isolation escapes


def test_a_partial_receiver_that_raises_stays_in_its_kata(solved_repo):
    solved_repo.write(
        SIGNALS,
        (solved_repo.path / "solutions" / KATA.slug / "signals.py").read_text()
        + "\n\nimport functools\nfrom django.db.models.signals import pre_save\n\n\n"
        "def explode(tag, **kwargs):\n    raise RuntimeError(tag)\n\n\n"
        "pre_save.connect(functools.partial(explode, 'boom'), weak=False)\n",
    )

    run = solved_repo.run()

    others_pass(run, KATA.slug)


@pytest.mark.parametrize(
    "body",
    [
        "raise RuntimeError('boom')",
        "from django.db import connection\n"
        "    with connection.cursor() as cursor:\n"
        "        cursor.execute('DROP TABLE profile_on_signup_profile')",
    ],
    ids=["raises", "drops-a-table"],
)
def test_a_post_migrate_receiver_cannot_break_the_test_database(solved_repo, body):
    solved_repo.write(
        SIGNALS,
        (solved_repo.path / "solutions" / KATA.slug / "signals.py").read_text()
        + "\n\nfrom django.db.models.signals import post_migrate"
        "\nfrom django.dispatch import receiver"
        f"\n\n\n@receiver(post_migrate)\ndef wreck(**kwargs):\n    {body}\n",
    )

    run = solved_repo.run()

    assert run.run.finished, run.text
    others_pass(run, KATA.slug)


def test_a_receiver_left_connected_by_a_test_is_caught(solved_repo):
    solved_repo.write(
        f"{FIRST.tests}/test_leak.py",
        "import pytest\nfrom django.db.models.signals import post_save\n\n\n"
        "def spy(**kwargs):\n    pass\n\n\n"
        "@pytest.mark.task(1)\ndef test_leaks():\n    post_save.connect(spy)\n",
    )

    run = solved_repo.run(FIRST.tests)

    leak = next(t for t in run.tests(FIRST.slug) if t.name == "test_leaks")
    assert leak.outcome == "error"
    assert "spy was connected to post_save and left connected" in leak.message
    rest = [t for t in run.tests(FIRST.slug) if t.name != "test_leaks"]
    assert {t.outcome for t in rest} == {"passed"}


# 6. Messages that name the learner's place


def test_a_query_at_import_names_the_learners_line(solved_repo):
    solved_repo.write(
        SIGNALS,
        "from django.contrib.auth.models import User\n\nUSERS = User.objects.count()\n",
    )

    run = solved_repo.run(KATA.tests)

    assert f"{SIGNALS}:3:" in run.tests(KATA.slug)[0].message
    assert "site-packages" not in run.tests(KATA.slug)[0].message


def test_a_deleted_learner_file_says_so_and_how_to_restore_it(solved_repo):
    (solved_repo.path / SIGNALS).unlink()

    run = solved_repo.run()
    board = solved_repo.katas()

    message = run.tests(KATA.slug)[0].message
    assert "signals.py is missing" in message
    assert f"python -m katas reset {KATA.slug}" in message
    assert "loading.py" not in message
    assert f"python -m katas reset {KATA.slug}" in board.stdout
    others_pass(run, KATA.slug)


# 7. Bad input


@pytest.mark.parametrize(
    "args", [["reset", "²"], ["verify", "²"], ["hint", "nope"], ["run", "0"]], ids=str
)
def test_bad_kata_names_get_one_line_and_exit_2(katas_repo, args):
    done = katas_repo.katas(*args)

    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_verify_takes_numbers_and_prefixes_like_every_command(katas_repo):
    done = katas_repo.katas("verify", str(KATA.number), timeout=300)

    assert KATA.slug in done.stdout
    assert FIRST.slug not in done.stdout


def test_an_unknown_target_is_one_line_and_exit_2(katas_repo):
    env = {"KATAS_TARGET": "garbage"}
    board = katas_repo.katas(env=env)
    plain = subprocess.run(
        [sys.executable, "-m", "pytest", FIRST.tests],
        cwd=katas_repo.path,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )

    assert board.returncode == 2
    assert board.stderr.count("\n") == 1
    assert "KATAS_TARGET" in board.stderr
    assert "Traceback" not in plain.stdout + plain.stderr
    assert "KATAS_TARGET must be" in plain.stdout + plain.stderr


def test_a_narrow_board_still_shows_every_slug(katas_repo):
    done = katas_repo.katas(env={"COLUMNS": "40"})

    assert done.returncode == 0, done.stderr
    for kata in catalogue.load():
        assert kata.slug in done.stdout


# 8. Litter


def test_ctrl_c_during_a_watch_check_leaves_no_temporary_folder(katas_repo):
    started = katas_repo.path / "started"
    katas_repo.write(
        FIRST_FILE, f"import time\n\nopen({str(started)!r}, 'w').close()\ntime.sleep(4)\n"
    )
    process = katas_repo.start(sys.executable, "-m", "katas", "watch", FIRST.slug)
    deadline = time.monotonic() + 60
    while not started.exists():  # the check is under way
        assert time.monotonic() < deadline, "the check never started"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=30)
    time.sleep(5)  # the child would have written its report by now

    assert katas_repo.leftovers() == []


def test_a_reset_stopped_mid_backup_leaves_no_backup_that_looks_complete(katas_repo, monkeypatch):
    from katas.cli import reset

    monkeypatch.setattr(catalogue, "ROOT", katas_repo.path)
    monkeypatch.setattr(catalogue, "KATAS_DIR", katas_repo.path / "katas")
    monkeypatch.setattr(reset, "BACKUPS", katas_repo.path / ".katas-backup")
    copies = []

    def copy_then_stop(source, target):
        copies.append(target)
        if len(copies) == 2:
            raise KeyboardInterrupt
        return target.write_bytes(source.read_bytes())

    monkeypatch.setattr(reset.shutil, "copy2", copy_then_stop)

    with pytest.raises(KeyboardInterrupt):
        reset.back_up(KATA)

    backups = katas_repo.path / ".katas-backup"
    found = list(backups.iterdir()) if backups.exists() else []
    assert [p for p in found if not p.name.endswith(".partial")] == []
