"""`python -m katas reset KATA`: back up your files, then restore the shipped ones.

The shipped state comes from katas/harness/shipped/, not from git, so reset works
in a tarball or zip download too.

Reset completes or changes nothing, and never loses a learner's work. It backs up
every learner file first, whole (copied under a temporary name, compared, then
renamed); then it writes each shipped copy beside the file it replaces, and renames
them over only once every one is written. Whatever stops it (a full disk, a file
size limit, a read-only checkout, Ctrl-C), it says where the learner's work is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

from katas.cli import ask, lookup
from katas.harness import catalogue

BACKUPS = catalogue.ROOT / ".katas-backup"


class Failed(Exception):
    """Reset stopped; the message says what happened."""

    def __init__(self, message: str, unchanged: bool = True):
        super().__init__(message)
        self.unchanged = unchanged  # the learner files are as they were


def add_arguments(parser):
    lookup.add_argument(parser)
    parser.add_argument("--yes", action="store_true", help="skip the confirmation")


def _shown(path: Path) -> str:
    return path.relative_to(catalogue.ROOT).as_posix()


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def back_up(kata: catalogue.Kata) -> Path:
    """Copy the learner's current files into a new timestamped folder; return it.

    Raise :class:`Failed` when the copy cannot be made whole; then nothing is left behind.
    """
    if BACKUPS.exists() and not BACKUPS.is_dir():
        raise Failed(
            f"{_shown(BACKUPS)} is a file, not the folder reset keeps backups in "
            "(rename it, then reset again)"
        )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = BACKUPS / f"{kata.slug}-{stamp}"
    # Copied under a temporary name, renamed when complete: a backup stopped half-way
    # (Ctrl-C, a full disk) is never mistaken for a whole one.
    partial = BACKUPS / f"{folder.name}.partial"
    made_backups = not BACKUPS.exists()
    source = None
    try:
        partial.mkdir(parents=True)
        for name, source in zip(kata.files, kata.learner_paths(), strict=True):
            if source.is_file():
                copy = partial / name
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy)
                if copy.read_bytes() != source.read_bytes():
                    raise OSError(0, "the copy differs from the file")
        partial.rename(folder)
    except BaseException as error:
        shutil.rmtree(partial, ignore_errors=True)
        if made_backups:
            _remove_if_empty(BACKUPS)
        if not isinstance(error, OSError):
            raise
        what = _shown(source) if source is not None else "your files"
        raise Failed(f"cannot back up {what} into {_shown(BACKUPS)}/ ({_reason(error)})") from None
    return folder


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


def _write_beside(source: Path, path: Path) -> Path:
    """Copy ``source`` into a temporary file beside ``path``; return the temporary file."""
    temporary = path.with_name(f".{path.name}.reset-{os.getpid()}.partial")
    try:
        shutil.copyfile(source, temporary)
        if path.is_file():
            shutil.copymode(path, temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def restore(kata: catalogue.Kata, backup: Path) -> None:
    """Put every shipped copy in place of its learner file, all of them or none.

    Raise :class:`Failed` when one cannot be written; the learner files are then as
    they were (put back from ``backup`` if some were already renamed over).
    """
    staged: list[tuple[Path, Path]] = []
    renamed: list[Path] = []
    path = None
    try:
        for shipped, path in zip(kata.shipped_paths(), kata.learner_paths(), strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_write_beside(shipped, path), path))
        for temporary, path in staged:
            os.replace(temporary, path)
            renamed.append(path)
    except BaseException as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        stuck = _put_back(kata, backup, renamed)
        if not isinstance(error, OSError):
            raise
        failed = f"cannot restore {_shown(path)} ({_reason(error)})"
        if stuck:
            failed += f"; {', '.join(stuck)} could not be put back"
        raise Failed(failed, not stuck) from None


def _put_back(kata: catalogue.Kata, backup: Path, paths: list[Path]) -> list[str]:
    """Undo a restore stopped half-way: each of ``paths`` gets its backed-up copy again.

    Return the files that could not be put back (the backup still holds them).
    """
    stuck = []
    for name, path in zip(kata.files, kata.learner_paths(), strict=True):
        if path not in paths:
            continue
        saved = backup / name
        try:
            if saved.is_file():
                os.replace(_write_beside(saved, path), path)
            else:
                path.unlink()  # there was no file before the restore
        except OSError:
            stuck.append(_shown(path))
    return stuck


def run(args) -> int:
    kata = lookup.find(args.kata)
    missing = [p for p in kata.shipped_paths() if not p.is_file()]
    where = ", ".join(_shown(p) for p in kata.learner_paths())
    if missing:
        print(
            f"reset: the shipped copy {_shown(missing[0])} is missing; nothing was changed",
            file=sys.stderr,
        )
        return 1
    files = ", ".join(kata.files)
    if not ask.confirm(f"Reset {kata.slug} ({files}) to its shipped state?", args.yes):
        return 1
    try:
        folder = back_up(kata)
    except Failed as error:
        print(
            f"reset: {error}: nothing was changed; your work is still in {where}", file=sys.stderr
        )
        return 1
    saved = f"{_shown(folder)}/"
    try:
        restore(kata, folder)
    except Failed as error:
        if error.unchanged:
            print(
                f"reset: {error}: nothing was changed; your work is still in {where}, "
                f"and a copy is saved in {saved}",
                file=sys.stderr,
            )
        else:
            print(f"reset: {error}: your work is saved in {saved}", file=sys.stderr)
        return 1
    except BaseException:
        print(f"reset: stopped; your work is saved in {saved}", file=sys.stderr)
        raise
    print(f"Your files are saved in {saved}")
    print(f"Kata {kata.slug} is back to its shipped state.")
    return 0
