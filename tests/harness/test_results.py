"""The board's memory of results: keyed on every input, never stored from a bad run,
and never in the way (a store in a bad shape, or one that cannot be written)."""

from __future__ import annotations

import json

import pytest

from katas.harness import catalogue, report, results, store

FIRST = catalogue.load()[0]


def board(repo, *args, env=None):
    return repo.katas("board", *args, env=env, timeout=180)


@pytest.mark.parametrize(
    "shape", ["[]", "null", "garbage{", '{"version": 2, "katas": []}', "folder", "katas-is-a-file"]
)
def test_a_store_in_a_bad_shape_is_ignored_and_rebuilt(katas_repo, shape):
    folder = katas_repo.path / ".katas"
    if shape == "katas-is-a-file":
        folder.write_text("not a folder")
    elif shape == "folder":
        (folder / "results.json").mkdir(parents=True)
    else:
        katas_repo.write(".katas/results.json", shape)

    done = board(katas_repo)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert FIRST.slug in done.stdout
    rebuilt = json.loads((folder / "results.json").read_text())
    assert set(rebuilt["katas"]) == {k.slug for k in catalogue.load()}


def test_the_key_follows_the_target_and_the_environment_pytest_reads(monkeypatch):
    before = results.shared_digest("katas")
    assert results.shared_digest("solutions") != before
    monkeypatch.setenv("KATAS_IMPORT_LIMIT", "9")
    assert results.shared_digest("katas") != before


def test_a_changed_environment_reruns_every_kata(katas_repo):
    assert board(katas_repo).returncode == 0
    assert "reused" in board(katas_repo).stdout

    again = board(katas_repo, env={"KATAS_TEST_LIMIT": "30"})

    assert "reused" not in again.stdout


def test_nothing_is_stored_from_a_check_that_judged_nothing(katas_repo):
    # A kata conftest that cannot be loaded: the kata is not judged, so not stored.
    katas_repo.write(f"{FIRST.tests}/conftest.py", "def oops(:\n")

    done = board(katas_repo)

    assert done.returncode == 1
    assert f"{FIRST.slug}: The check stopped before it could judge this kata" in done.stderr
    stored = json.loads((katas_repo.path / ".katas" / "results.json").read_text())["katas"]
    # The other katas were judged, each alone, and only they are stored.
    assert set(stored) == {k.slug for k in catalogue.load()} - {FIRST.slug}


def test_a_store_that_cannot_be_written_is_not_kept(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(store, "FOLDER", blocker / ".katas")  # cannot be created
    run = report.Run("katas", 1, [report.TestResult("t::x", FIRST.slug, 1, "failed")])

    run.digests[FIRST.slug] = "d"
    results.save("shared", {FIRST.slug: run})  # does not raise

    assert results.load({FIRST.slug: results.key("shared", "d")}) == {}
    assert store.write("hints.json", {}) is False
