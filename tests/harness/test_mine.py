"""`tox -m mine`: the learner's own katas by Django version (katas/harness/mine.py), and
toxfile.py's line on skipped envs. The table's content is checked, never its look."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import django
import pytest

from katas.harness import catalogue, mine

ROOT = catalogue.ROOT
KATAS = catalogue.load()
SLUGS = [k.slug for k in KATAS]
ASYNC = "async_receivers"


def unavailable_here() -> set[str]:
    return {k.slug for k in KATAS if k.unavailable_reason()}


def result(env: str, django_version: str, summaries: dict[str, str]) -> dict:
    """One env's file, as `mine write` writes it."""
    return {
        "env": env,
        "django": django_version,
        "python": "3.12.1",
        "katas": [
            {
                "slug": slug,
                "summary": summary,
                "unavailable": "needs Django 5.0" if summary == "unavailable" else "",
            }
            for slug, summary in summaries.items()
        ],
    }


def every(summary: str, on_42: bool = False) -> dict[str, str]:
    found = dict.fromkeys(SLUGS, summary)
    if on_42:
        found[ASYNC] = "unavailable"
    return found


def write_in(repo, path: Path) -> dict:
    """Run `python -m katas.harness.mine write` in ``repo``; return what it wrote."""
    store = path.parent.parent / "store"
    command = ["write", str(path), "--store", str(store)]
    done = subprocess.run(
        [sys.executable, "-m", "katas.harness.mine", *command],
        cwd=repo.path,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        env=repo.environment(),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(path.read_text())


# --- the table, from each env's result ---------------------------------------------


def test_a_fresh_copy_shows_no_kata_solved_on_this_django(katas_repo, tmp_path):
    entry = write_in(katas_repo, tmp_path / "run" / "mine-django99.json")

    table = mine.build([entry])

    [column] = table.by_django().values()
    assert table.katas == SLUGS
    assert {s for s, cell in column.items() if cell == "unavailable"} == unavailable_here()
    assert {cell for s, cell in column.items() if s not in unavailable_here()} == {"not started"}
    assert entry["django"] == django.get_version()


def test_a_copy_with_every_kata_solved_shows_every_kata_solved(solved_repo, tmp_path):
    entry = write_in(solved_repo, tmp_path / "run" / "mine-django99.json")

    column = mine.build([entry]).by_django()[".".join(django.get_version().split(".")[:2])]

    assert {s for s, cell in column.items() if cell == "unavailable"} == unavailable_here()
    assert {cell for s, cell in column.items() if s not in unavailable_here()} == {"solved"}


def test_the_table_has_one_column_per_django_in_version_order():
    entries = [
        result("mine-django61", "6.1.3", every("solved")),
        result("mine-django42", "4.2.30", every("solved", on_42=True)),
        result("mine-django60", "6.0.10", every("solved")),
        result("mine-django52", "5.2.19", every("solved")),
    ]

    table = mine.build(entries)

    content = table.by_django()
    assert list(content) == ["4.2", "5.2", "6.0", "6.1"]
    assert content["4.2"] == every("solved", on_42=True)
    assert all(content[v] == every("solved") for v in ("5.2", "6.0", "6.1"))
    assert table.cell(ASYNC, "4.2") == "unavailable"


def test_each_cell_is_the_katas_summary_on_that_django():
    on_42 = every("not started", on_42=True) | {
        "first_receiver": "task 3",
        "slug_on_save": "broken",
    }
    on_61 = every("not started") | {"first_receiver": "solved", "field_changed": "task 2"}

    table = mine.build(
        [result("mine-django42", "4.2.30", on_42), result("mine-django61", "6.1.3", on_61)]
    )

    assert table.cell("first_receiver", "4.2") == "task 3"
    assert table.cell("first_receiver", "6.1") == "solved"
    assert table.cell("slug_on_save", "4.2") == "broken"
    assert table.cell("field_changed", "6.1") == "task 2"
    assert table.cell(ASYNC, "6.1") == "not started"


def test_a_django_no_python_can_run_gets_a_column_saying_which_python_it_needs():
    entries = [
        result("mine-django52", "5.2.19", every("solved")),
        {"env": "mine-django60", "needs": ["3.13", "3.12", "3.14"]},
    ]

    table = mine.build(entries)

    [skipped] = [c for c in table.columns if c.django == "6.0"]
    assert not skipped.judged
    assert "3.12, 3.13 or 3.14" in skipped.head
    assert set(table.by_django()["6.0"].values()) == {mine.NOT_RUN}
    assert table.by_django()["5.2"] == every("solved")
    assert "needs Python 3.12, 3.13 or 3.14" in mine.render(table)


@pytest.mark.parametrize(
    "entry",
    [
        {"env": "mine-django42", "error": "Traceback ...\nRuntimeError: the checker died"},
        {"env": "mine-django42", "error": "unreadable result mine-django42.json: garbage"},
    ],
)
def test_an_env_that_broke_gets_a_column_saying_so(entry):
    table = mine.build([entry, result("mine-django61", "6.1.3", every("solved"))])

    [broke] = [c for c in table.columns if c.django == "4.2"]
    assert not broke.judged
    assert "mine-django42 broke" in broke.detail
    assert table.by_django()["6.1"] == every("solved")


def test_write_says_when_it_could_not_judge_and_exits_1(tmp_path, monkeypatch):
    def judge(store=None):
        raise RuntimeError("no checker here")

    monkeypatch.setattr(mine, "judge", judge)
    path = tmp_path / "run" / "mine-django52.json"

    assert mine.write(path) == 1

    [column] = mine.build(mine.read_run(path.parent)).columns
    assert not column.judged
    assert "no checker here" in column.detail


def test_only_this_runs_results_are_shown_and_old_runs_are_removed(tmp_path, capsys):
    old, other, this = tmp_path / "20260101-old", tmp_path / "20260102-other", tmp_path / "this"
    for folder, summary in ((old, "solved"), (other, "solved"), (this, "task 1")):
        folder.mkdir()
        entry = result("mine-django52", "5.2.19", every(summary))
        (folder / "mine-django52.json").write_text(json.dumps(entry))
    (other / "mine-django61.json").write_text(json.dumps(result("mine-django61", "6.1.3", {})))
    long_ago = time.time() - 7200
    os.utime(old, (long_ago, long_ago))

    assert mine.main(["table", str(this)]) == 0

    assert mine.build(mine.read_run(this)).by_django() == {"5.2": every("task 1")}
    shown = capsys.readouterr().out
    assert "solved" not in shown
    assert "Django 6.1" not in shown
    assert not old.exists()
    assert other.exists()  # not an hour old: perhaps another tox still running


# --- toxfile.py: nothing skipped looks green ------------------------------------------


@pytest.fixture
def toxfile(monkeypatch):
    """toxfile.py, loaded as tox loads it (tox is in the dev extra, as is the harness env)."""
    spec = importlib.util.spec_from_file_location("katas_toxfile", ROOT / "toxfile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "_pyenv_versions", lambda: ["3.10.13", "3.12.1", "3.13.0"])
    monkeypatch.setenv("PYENV_VERSION", "3.13.0")
    monkeypatch.setattr(sys, "argv", ["tox"])
    return module


def runs(**skipped):
    return [SimpleNamespace(name=name, skipped=flag) for name, flag in skipped.items()]


def test_the_final_line_names_the_skipped_envs_what_ran_and_the_pythons_to_list(toxfile):
    line = toxfile.final_line(
        runs(**{"django42-py310": True, "django52-py313": False, "django60-py312": True}),
        asked=False,
    )

    assert "\n" not in line
    assert "django42-py310, django60-py312" in line
    assert "covered: django52-py313" in line
    assert "PYENV_VERSION=3.13.0:3.10.13:3.12.1 tox" in line
    assert "--skip-missing-interpreters true" in line


def test_the_final_line_sends_the_postgres_envs_to_with_services(toxfile, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["tox", "-m", "postgres"])

    line = toxfile.final_line(runs(**{"django52-py312-postgres": True}), asked=False)

    assert "PYENV_VERSION=3.13.0:3.12.1 .ci/with-services tox -m postgres" in line


def test_no_line_when_nothing_was_skipped_or_only_a_mine_column_was(toxfile):
    toxfile._found["mine-django60"] = None  # none of its Pythons was found: its column says so

    assert toxfile.final_line(runs(lint=False, harness=False), asked=False) is None
    assert toxfile.final_line(runs(**{"mine-django60": True, "lint": False}), asked=False) is None


def write_project(path: Path) -> Path:
    path.mkdir()
    shutil.copy(ROOT / "toxfile.py", path / "toxfile.py")
    (path / "tox.ini").write_text(
        "[tox]\nenv_list = ok, gone\nskip_missing_interpreters = true\n"
        "[testenv]\nskip_install = true\ncommands = python -c pass\n"
        "[testenv:gone]\nbase_python = python3.99\n"
    )
    return path


def run_tox(project: Path, *args: str, env=None):
    return subprocess.run(
        [sys.executable, "-m", "tox", "-c", str(project / "tox.ini"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never", **(env or {})},
    )


def test_a_tox_run_that_skips_an_env_ends_with_the_line_and_fails(tmp_path):
    project = write_project(tmp_path / "project")

    done = run_tox(project)

    last = done.stdout.strip().splitlines()[-1]
    assert done.returncode != 0, done.stdout + done.stderr
    assert last.startswith("tox: SKIPPED 1 of 2 envs (no Python 3.99 found): gone;"), done.stdout
    assert "covered: ok" in last


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--skip-missing-interpreters", "true"], {}),
        ([], {"TOX_SKIP_MISSING_INTERPRETERS": "true"}),
    ],
)
def test_skips_the_user_accepts_are_named_and_do_not_fail(tmp_path, args, env):
    project = write_project(tmp_path / "project")

    done = run_tox(project, *args, env=env)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "(skips accepted)" in done.stdout.strip().splitlines()[-1]


# --- a real `tox -m mine` ---------------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("KATAS_TOX_MINE"),
    reason="a real `tox -m mine`, twice (75 s on a quiet machine): KATAS_TOX_MINE=1 runs it",
)
def test_tox_m_mine_on_a_fresh_copy_then_on_every_kata_solved(katas_repo):
    for name in ("tox.ini", "toxfile.py", "README.md"):
        shutil.copy(ROOT / name, katas_repo.path / name)
    env = {"UV_PYTHON_DOWNLOADS": "never"}

    def table():
        done = subprocess.run(
            [sys.executable, "-m", "tox", "-m", "mine"],
            cwd=katas_repo.path,
            capture_output=True,
            text=True,
            timeout=900,
            env=katas_repo.environment(env),
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        runs = sorted((katas_repo.path / ".tox" / "mine").iterdir())
        return mine.build(mine.read_run(runs[-1])).by_django()

    fresh = table()
    katas_repo.solve()
    solved = table()

    judged = [v for v in fresh if set(fresh[v].values()) != {mine.NOT_RUN}]
    assert "6.1" in judged
    for version in judged:
        assert set(fresh[version].values()) - {"unavailable"} == {"not started"}
        assert set(solved[version].values()) - {"unavailable"} == {"solved"}
    if "4.2" in judged:
        assert solved["4.2"][ASYNC] == "unavailable"
