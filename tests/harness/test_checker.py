"""The one checker: whatever a learner's code does, every command judges each kata right.

Each test reproduces a way learner code once fooled, hung or crashed a command (plain
pytest, `katas run`, the board, watch), on a throw-away copy of the course with every
kata solved but the ones under test.
"""

from __future__ import annotations

import ast
import io
import json
import signal
import sys
import time

import pytest
from rich.console import Console

from katas.cli import saves, watch
from katas.harness import catalogue, progress, report, results, targets
from katas.harness.checker import Checker

ROOT = catalogue.ROOT
LIMITS = {"KATAS_IMPORT_LIMIT": "1", "KATAS_TEST_LIMIT": "3"}

# Each kata's learner file does something no learner code should; the others stay solved.
ROGUE = {
    # 3. time limits the learner's code cannot escape
    "course_completed": (
        "signals.py",
        "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n"
        "        pass\n",
        "did not finish",
    ),
    # 4. what ends a process, at import
    "profile_on_signup": ("receivers.py", "import os\n\nos._exit(0)\n", "os._exit(0)"),
    "slug_on_save": ("receivers.py", "raise KeyboardInterrupt\n", "KeyboardInterrupt"),
    "file_cleanup": (
        "receivers.py",
        "import pytest\n\npytest.skip('mine', allow_module_level=True)\n",
        "Skipped",
    ),
    "order_receivers": ("receivers.py", "import pytest\n\npytest.fail('mine')\n", "Failed"),
    "registered_once": (
        "receivers.py",
        "class Mine(BaseException):\n    pass\n\n\nraise Mine()\n",
        "Mine",
    ),
    "enrolment_count": (
        "receivers.py",
        "import os\n\nif os.fork():\n    os._exit(0)\n",
        "os._exit(0)",
    ),
}


def rogue_repo(repo):
    for slug, (name, code, _) in ROGUE.items():
        repo.write(f"katas/{slug}/{name}", code)
    return repo


def assert_rogues_judged(states: dict[str, str], text: str) -> None:
    for slug in ROGUE:
        assert states[slug] in ("broken", "not started", "in progress"), (slug, text)
    others = {s: v for s, v in states.items() if s not in ROGUE and v != "unavailable"}
    assert set(others.values()) == {"solved"}, (others, text)


def test_plain_pytest_judges_every_kata_whatever_the_rogue_code_does(solved_repo):
    rogue_repo(solved_repo)
    started = time.monotonic()

    run = solved_repo.run(env=LIMITS, timeout=240)

    assert time.monotonic() - started < 200
    assert run.returncode == 1, run.text
    for slug, (name, _, words) in ROGUE.items():
        tests = run.tests(slug)
        assert tests, (slug, run.text[-3000:])
        assert {t.outcome for t in tests} == {"failed"}, (slug, run.text[-3000:])
        assert f"katas/{slug}/{name}" in tests[0].message, (slug, tests[0].message)
        assert words in tests[0].message, (slug, tests[0].message)
    others = [t for t in run.tests() if t.kata not in ROGUE]
    assert {t.outcome for t in others} <= {"passed", "skipped"}, [
        t for t in others if t.outcome not in ("passed", "skipped")
    ][:2]
    assert solved_repo.leftovers() == []


def test_the_board_judges_every_kata_whatever_the_rogue_code_does(solved_repo):
    rogue_repo(solved_repo)

    done = solved_repo.katas("board", "--fresh", env={**LIMITS, "COLUMNS": "200"}, timeout=240)

    assert done.returncode == 0, done.stderr
    states = {}
    for line in done.stdout.splitlines():
        cells = [c.strip() for c in line.split("│") if c.strip()]
        if len(cells) == 4 and cells[1] in catalogue.by_slug():
            states[cells[1]] = cells[2].replace(" (see below)", "")
    assert_rogues_judged(states, done.stdout)
    assert "exit 3" not in done.stdout
    assert solved_repo.leftovers() == []


def test_katas_run_ends_on_a_thread_that_never_ends_and_a_test_that_ignores_the_alarm(
    solved_repo,
):
    kata = catalogue.by_slug()["request_logging"]
    solution = solved_repo.read(f"solutions/{kata.slug}/receivers.py")
    stubborn = (
        "\n\nimport signal as _signal\nimport threading as _threading\n\n"
        "_threading.Thread(target=_threading.Event().wait).start()  # never ends, not a daemon\n\n"
        "@receiver(request_finished, dispatch_uid='stubborn')\n"
        "def stubborn(sender, **kwargs):\n"
        "    _signal.signal(_signal.SIGALRM, _signal.SIG_IGN)\n"
        "    _signal.alarm(0)\n"
        "    while True:\n"
        "        try:\n"
        "            pass\n"
        "        except BaseException:\n"
        "            pass\n"
    )
    solved_repo.write(f"katas/{kata.slug}/receivers.py", solution + stubborn)
    started = time.monotonic()

    done = solved_repo.katas("run", kata.slug, env=LIMITS, timeout=180)

    assert time.monotonic() - started < 120
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"katas/{kata.slug}/receivers.py:" in done.stdout, done.stdout
    assert "did not finish in its time limit" in done.stdout, done.stdout


def test_one_katas_code_never_reaches_another_kata(solved_repo):
    # Everything a module can do to the process it runs in, at import and after.
    solved_repo.write(
        "katas/profile_on_signup/receivers.py",
        solved_repo.read("solutions/profile_on_signup/receivers.py")
        + "\n\nimport functools, os, sys, threading, types\n"
        "from django.db.models.signals import post_save\n"
        "from django.dispatch import Signal\n\n"
        "def _boom(*args, **kwargs):\n    raise RuntimeError('boom from profile_on_signup')\n\n"
        "def _later():\n"
        "    import time\n    time.sleep(0.2)\n"
        "    post_save.connect(functools.partial(_boom), weak=False)\n\n"
        "threading.Thread(target=_later, daemon=True).start()\n"
        "def _rows():\n"
        "    from django.contrib.auth.models import Group\n"
        "    while True:\n"
        "        try:\n            Group.objects.create(name='x')\n"
        "        except Exception:\n            pass\n\n"
        "threading.Thread(target=_rows, daemon=True).start()\n"
        "Signal.send = lambda self, *a, **k: []\n"
        "os.environ['KATAS_IMPORT_LIMIT'] = '0.001'\n"
        "sys.modules['katas.first_receiver.receivers'] = types.ModuleType('fake')\n",
    )

    done = solved_repo.katas("board", "--fresh", env={"COLUMNS": "200"}, timeout=240)

    assert done.returncode == 0, done.stderr
    others = [
        line
        for line in done.stdout.splitlines()
        if "│" in line and any(f" {k.slug} " in line for k in catalogue.load())
    ]
    assert others
    for line in others:
        if " profile_on_signup " in line:
            continue
        assert "solved" in line or "unavailable" in line, line
    assert solved_repo.leftovers() == []


def test_a_save_while_a_check_runs_is_never_cached_as_judged(solved_repo, monkeypatch):
    """The stored verdict is keyed on the code the check read, not on the file after it."""
    monkeypatch.setattr(catalogue, "ROOT", solved_repo.path)
    monkeypatch.setattr(catalogue, "KATAS_DIR", solved_repo.path / "katas")
    monkeypatch.setattr(catalogue, "SOLUTIONS_DIR", solved_repo.path / "solutions")
    from katas.harness import store

    monkeypatch.setattr(store, "FOLDER", solved_repo.path / ".katas")
    kata = catalogue.load()[0]
    shared = results.shared_digest(targets.KATAS)
    with Checker() as checker:
        judged = checker.run(kata.slug, targets.KATAS)
    assert report.state_of(judged, kata).state == report.SOLVED
    # The learner saves a broken file after the check read its files, before it is stored.
    solved_repo.write(f"katas/{kata.slug}/receivers.py", "# not yet\n")
    results.save(shared, {kata.slug: judged})

    assert results.load(results.keys_now([kata], targets.KATAS, shared)) == {}


def test_the_board_and_run_name_the_target_they_judge(katas_repo):
    board = katas_repo.katas(env={"PYTEST_ADDOPTS": "--solutions", "COLUMNS": "200"})
    assert "Every kata is solved" not in board.stdout, board.stdout
    assert "not started" in board.stdout

    run = katas_repo.katas("run", catalogue.load()[0].slug, env={"KATAS_TARGET": "solutions"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Testing solutions/ (the reference), not your files" in run.stderr


def test_a_helper_module_the_learner_adds_is_judged_fresh_and_watched(solved_repo):
    kata = catalogue.by_slug()["profile_on_signup"]
    solution = solved_repo.read(f"solutions/{kata.slug}/receivers.py")
    solved_repo.write(
        f"katas/{kata.slug}/receivers.py", solution.replace("if raw or not created:", "if SKIP:")
    )
    receivers = solved_repo.read(f"katas/{kata.slug}/receivers.py")
    solved_repo.write(f"katas/{kata.slug}/receivers.py", "from .wording import SKIP\n" + receivers)
    import os
    import py_compile

    helper = solved_repo.write(f"katas/{kata.slug}/wording.py", "SKIP = 1\n")
    stamp = helper.stat().st_mtime_ns
    py_compile.compile(str(helper), doraise=True)  # a valid-looking .pyc of SKIP = 1
    helper.write_text("SKIP = 0\n")  # same size, same second
    os.utime(helper, ns=(stamp, stamp))

    run = solved_repo.run(kata.tests, env={"PYTHONDONTWRITEBYTECODE": ""})
    # SKIP = 0 skips nothing: the raw/created checks are gone, so task 2 or 3 fails.
    assert "failed" in run.outcomes(kata.slug), run.text
    folders = {kata.directory.resolve(): kata.slug}
    assert saves.owner_of(kata.directory / "wording.py", folders) == kata.slug
    assert saves.owner_of(kata.directory / "models.py", folders) is None


def test_hint_on_a_kata_this_django_cannot_run_says_so(katas_repo):
    path = katas_repo.path / "katas" / "catalogue.toml"
    text = path.read_text()
    slug = catalogue.load()[0].slug
    path.write_text(text.replace(f'slug = "{slug}"\n', f'slug = "{slug}"\ndjango = ">=99"\n', 1))

    done = katas_repo.katas("hint", slug)

    assert done.returncode == 1
    assert "needs Django 99 or newer" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_post_migrate_receiver_that_raises_stays_in_its_kata(solved_repo):
    solved_repo.write(
        "katas/profile_on_signup/receivers.py",
        solved_repo.read("solutions/profile_on_signup/receivers.py")
        + "\n\nfrom django.db.models.signals import post_migrate\n\n"
        "@receiver(post_migrate)\ndef explode(sender, **kwargs):\n"
        "    raise RuntimeError('post_migrate from profile_on_signup')\n",
    )

    run = solved_repo.run()

    others = [t for t in run.tests() if t.kata != "profile_on_signup"]
    assert {t.outcome for t in others} <= {"passed", "skipped"}, run.text[-2000:]


def test_nothing_a_learner_or_a_test_id_holds_is_read_as_markup():
    kata = catalogue.by_slug()["request_logging"]
    state = report.KataState(
        kata,
        first_failure=report.TestResult(
            "tests/x.py::test_logs[/request-logging/hello/-200]",
            kata.slug,
            1,
            "failed",
            message="ValueError: bad path [/tmp/x] and [objects.create] and [bold]",
        ),
    )
    out = io.StringIO()

    watch.show(Console(file=out, width=300), state)

    text = out.getvalue()
    assert "test_logs[/request-logging/hello/-200]" in text
    assert "bad path [/tmp/x] and [objects.create] and [bold]" in text


def test_watch_shows_the_shipped_request_logging_kata(katas_repo):
    process, seen = katas_repo.watch_until_watching("request_logging")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)

    assert "Traceback" not in err, err
    assert "Task 1 of" in seen


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_watch_ended_during_a_check_leaves_nothing(katas_repo, signum):
    started = katas_repo.path / "started"
    first = catalogue.load()[0]
    katas_repo.write(
        f"katas/{first.slug}/receivers.py",
        f"import time\n\nopen({str(started)!r}, 'w').close()\ntime.sleep(4)\n",
    )
    process = katas_repo.start(sys.executable, "-m", "katas", "watch", first.slug)
    deadline = time.monotonic() + 60
    while not started.exists():
        assert time.monotonic() < deadline, "the check never started"
        time.sleep(0.05)
    process.send_signal(signum)
    process.communicate(timeout=30)
    time.sleep(1)

    assert katas_repo.leftovers() == []


def test_a_dead_file_watcher_is_said_not_waited_on(tmp_path):
    kata = catalogue.load()[0]
    watcher = saves.Saves([kata])
    watcher.close()  # the watcher's thread ends
    watcher._thread.join(5)
    watcher._stop.clear()  # as if it had died on its own

    with pytest.raises(saves.WatcherStopped, match="The file watcher stopped"):
        watcher.wait(timeout=2)


def test_the_checker_without_fork_judges_as_with_it(solved_repo, monkeypatch):
    """Where there is no os.fork, every child is a fresh process: the same verdicts."""
    code = (
        "import json, sys\n"
        "from katas.harness.checker import Checker\n"
        "with Checker(fork=sys.argv[1] == 'fork') as checker:\n"
        "    run = checker.run('profile_on_signup', 'katas')\n"
        "print(json.dumps(sorted((t.name, t.outcome) for t in run.tests)))\n"
    )
    solved_repo.write("katas/profile_on_signup/receivers.py", "import os\n\nos._exit(0)\n")
    forked = solved_repo.python(code, "fork")
    spawned = solved_repo.python(code, "spawn")

    assert forked.returncode == 0, forked.stderr
    assert spawned.returncode == 0, spawned.stderr
    assert json.loads(forked.stdout) == json.loads(spawned.stdout)


# --- The shape of the core --------------------------------------------------------

CHECKER_MODULES = {"checker.py", "server.py", "child.py"}


def _modules():
    for path in sorted((ROOT / "katas").rglob("*.py")):
        if "migrations" not in path.parts and "__pycache__" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_only_the_checker_forks_or_calls_pytest_main():
    found = []
    for path, tree in _modules():
        if path.parent.name == "harness" and path.name in CHECKER_MODULES:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and (node.attr, getattr(node.value, "id", "")) in {
                ("fork", "os"),
                ("main", "pytest"),
                ("forkpty", "os"),
            }:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_no_module_sets_another_modules_globals():
    found = []
    for path, tree in _modules():
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif (
                isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("katas")
            ):
                imported |= {a.asname or a.name for a in node.names}
        for node in ast.walk(tree):
            targets_ = node.targets if isinstance(node, ast.Assign) else []
            targets_ += [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets_:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in imported
                    and target.value.id not in ("os", "sys")  # os.environ[...] is an item
                ):
                    found.append(
                        f"{path.relative_to(ROOT)}:{node.lineno}: {target.value.id}.{target.attr}"
                    )
    assert found == []


def test_every_checker_job_ends_its_child_and_folder():
    kata = catalogue.load()[0]
    with Checker() as checker:
        ticket = checker.submit(kata.slug, targets.KATAS)
        folder = ticket.job.folder
        run = checker.wait(ticket)
        assert not folder.exists()
        assert run.finished
        root = checker.folder
    assert not root.exists()


def test_collect_uses_a_given_checker_and_leaves_it_open():
    kata = catalogue.load()[0]
    with Checker() as checker:
        states = progress.collect([kata], fresh=True, checker=checker)
        assert states[0].kata == kata
        assert checker.run(kata.slug, targets.SHIPPED).finished
