"""`python -m katas reset KATA`: back up your files, then restore the shipped ones.

The shipped state comes from katas/harness/shipped/, not from git, so reset works
in a tarball or zip download too.
"""

from __future__ import annotations

import shutil
import sys
from datetime import datetime

from katas.cli import ask, lookup
from katas.harness import catalogue

BACKUPS = catalogue.ROOT / ".katas-backup"


def add_arguments(parser):
    lookup.add_argument(parser)
    parser.add_argument("--yes", action="store_true", help="skip the confirmation")


def back_up(kata: catalogue.Kata):
    """Copy the learner's current files into a new timestamped folder; return it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = BACKUPS / f"{kata.slug}-{stamp}"
    # Copied under a temporary name, renamed when complete: a backup stopped half-way
    # (Ctrl-C, a full disk) is never mistaken for a whole one.
    partial = BACKUPS / f"{folder.name}.partial"
    partial.mkdir(parents=True)
    for path in kata.learner_paths():
        if path.exists():
            shutil.copy2(path, partial / path.name)
    partial.rename(folder)
    return folder


def run(args) -> int:
    kata = lookup.find(args.kata)
    missing = [p for p in kata.shipped_paths() if not p.is_file()]
    if missing:
        print(
            f"reset: the shipped copy {missing[0].relative_to(catalogue.ROOT)} is missing; "
            "nothing was changed",
            file=sys.stderr,
        )
        return 1
    files = ", ".join(kata.files)
    if not ask.confirm(f"Reset {kata.slug} ({files}) to its shipped state?", args.yes):
        return 1
    folder = back_up(kata)
    for shipped, path in zip(kata.shipped_paths(), kata.learner_paths(), strict=True):
        shutil.copyfile(shipped, path)
    print(f"Your files are saved in {folder.relative_to(catalogue.ROOT)}/")
    print(f"Kata {kata.slug} is back to its shipped state.")
    return 0
