"""`katas reset` completes or changes nothing, and always says where the learner's work is;
a failed write of the command line's memory (`.katas/`) leaves nothing behind either.

The failures are real ones, made in a child process: a file size limit (`ulimit -f`),
a read-only checkout, a file where the backup folder should be.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys

import pytest

from katas.harness import catalogue

ONE_FILE = catalogue.by_slug()["first_receiver"]  # receivers.py, shipped at over 1 KiB
TWO_FILES = catalogue.by_slug()["muted_import"]  # muting.py and services.py
WORK = "# my precious work\n"


def katas_limited(repo, *args, file_size=None, read_only=False):
    """Run ``python -m katas ARGS`` in ``repo``, under a file size limit or unable to write."""
    prefix = []
    if read_only and os.geteuid() == 0:
        # Root writes anywhere: drop the capabilities that let it ignore permissions.
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: a checkout cannot be read-only")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]

    def limit():
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    # Under a file size limit CPython's bytecode cache writes a truncated .pyc (a short
    # write goes unchecked) that breaks the next command: not what these tests are about.
    return subprocess.run(
        [*prefix, sys.executable, "-B", "-m", "katas", *args],
        cwd=repo.path,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env=repo.environment(),
        preexec_fn=limit,
    )


def learner(repo, kata, index=0):
    return repo.path / "katas" / kata.slug / kata.files[index]


def backups(repo, kata):
    return sorted((repo.path / ".katas-backup").glob(f"{kata.slug}-*"))


def assert_one_clear_line(done):
    assert done.returncode != 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip().startswith("reset: "), done.stderr


def set_writable(root, writable: bool):
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(mode | 0o200 if writable else mode & ~0o222)


def test_a_file_size_limit_during_the_restore_changes_nothing_and_names_the_backup(katas_repo):
    path = learner(katas_repo, ONE_FILE)
    path.write_text(WORK)  # small enough to back up; the shipped copy is not, under 1 KiB
    assert ONE_FILE.shipped_paths()[0].stat().st_size > 1024

    done = katas_limited(katas_repo, "reset", ONE_FILE.slug, "--yes", file_size=1024)

    assert_one_clear_line(done)
    assert path.read_text() == WORK, "the learner's file must be left as it was"
    [folder] = backups(katas_repo, ONE_FILE)
    assert (folder / path.name).read_text() == WORK
    assert folder.name in done.stdout + done.stderr, "reset must say where the work is"
    assert katas_repo.leftovers() == []


def test_a_file_size_limit_during_the_backup_changes_nothing(katas_repo):
    path = learner(katas_repo, ONE_FILE)
    work = WORK * 100  # too large to back up under the limit
    path.write_text(work)

    done = katas_limited(katas_repo, "reset", ONE_FILE.slug, "--yes", file_size=1024)

    assert_one_clear_line(done)
    assert path.read_text() == work
    assert "nothing was changed" in done.stderr, done.stderr
    assert f"katas/{ONE_FILE.slug}/{path.name}" in done.stderr, "say where the work still is"
    assert backups(katas_repo, ONE_FILE) == [], "no half backup may look like a whole one"
    assert katas_repo.leftovers() == []


def test_a_kata_of_two_files_is_restored_whole_or_not_at_all(katas_repo):
    paths = [learner(katas_repo, TWO_FILES, i) for i in range(2)]
    for path in paths:
        path.write_text(WORK)

    done = katas_limited(katas_repo, "reset", TWO_FILES.slug, "--yes", file_size=1024)

    assert_one_clear_line(done)
    assert [p.read_text() for p in paths] == [WORK, WORK]
    assert katas_repo.leftovers() == []


def test_a_read_only_checkout_changes_nothing(katas_repo):
    path = learner(katas_repo, ONE_FILE)
    path.write_text(WORK)
    set_writable(katas_repo.path, False)
    try:
        done = katas_limited(katas_repo, "reset", ONE_FILE.slug, "--yes", read_only=True)
    finally:
        set_writable(katas_repo.path, True)

    assert_one_clear_line(done)
    assert path.read_text() == WORK
    assert "nothing was changed" in done.stderr, done.stderr
    assert not (katas_repo.path / ".katas-backup").exists()


def test_a_read_only_kata_folder_keeps_the_work_and_names_the_backup(katas_repo):
    path = learner(katas_repo, ONE_FILE)
    path.write_text(WORK)
    set_writable(path.parent, False)
    try:
        done = katas_limited(katas_repo, "reset", ONE_FILE.slug, "--yes", read_only=True)
    finally:
        set_writable(path.parent, True)

    assert_one_clear_line(done)
    assert path.read_text() == WORK
    [folder] = backups(katas_repo, ONE_FILE)
    assert (folder / path.name).read_text() == WORK
    assert folder.name in done.stderr, done.stderr


def test_a_file_where_the_backup_folder_should_be_is_left_alone(katas_repo):
    path = learner(katas_repo, ONE_FILE)
    path.write_text(WORK)
    (katas_repo.path / ".katas-backup").write_text("the learner's own notes\n")

    done = katas_limited(katas_repo, "reset", ONE_FILE.slug, "--yes")

    assert_one_clear_line(done)
    assert ".katas-backup" in done.stderr, done.stderr
    assert path.read_text() == WORK
    assert (katas_repo.path / ".katas-backup").read_text() == "the learner's own notes\n"


def test_a_reset_that_completes_names_the_backup_and_leaves_no_litter(katas_repo):
    paths = [learner(katas_repo, TWO_FILES, i) for i in range(2)]
    for path in paths:
        path.write_text(WORK)

    done = katas_limited(katas_repo, "reset", TWO_FILES.slug, "--yes")

    assert done.returncode == 0, done.stdout + done.stderr
    shipped = [p.read_text() for p in TWO_FILES.shipped_paths()]
    assert [p.read_text() for p in paths] == shipped
    [folder] = backups(katas_repo, TWO_FILES)
    assert [(folder / p.name).read_text() for p in paths] == [WORK, WORK]
    assert folder.relative_to(katas_repo.path).as_posix() in done.stdout
    assert katas_repo.leftovers() == []


# --- the command line's memory ------------------------------------------------------------

STORE = (
    "import sys\n"
    "from katas.harness import store\n"
    "print(store.write('results.json', {'x': 'y' * 5000}))\n"
)


def test_a_failed_cache_write_leaves_no_partial_file(katas_repo):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    done = subprocess.run(
        [sys.executable, "-B", "-c", STORE],
        cwd=katas_repo.path,
        capture_output=True,
        text=True,
        timeout=60,
        env=katas_repo.environment({"PYTHONPATH": str(katas_repo.path)}),
        preexec_fn=limit,
    )

    assert done.stdout.strip() == "False", done.stdout + done.stderr
    assert katas_repo.leftovers() == []
    assert list((katas_repo.path / ".katas").iterdir()) == []
