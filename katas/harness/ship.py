"""Maintainers: keep the shipped copies of the learner files (what the course ships) current.

    python -m katas.harness.ship SLUG...     # after changing a kata: ship its learner files
    python -m katas.harness.ship --check     # CI: each committed learner file is its shipped copy

The shipped copies (``katas/harness/shipped/``) are what verify judges and what
``katas reset`` restores. ``--check`` compares them with the learner files *as
committed to git*, never with the working tree: a learner's own work there is theirs,
and must not turn this check red. CI runs it on a clean clone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from katas.harness import catalogue


def ship(slugs=()) -> None:
    """Copy the learner files of ``slugs`` (default: every kata) over their shipped copies."""
    for kata in catalogue.load():
        if slugs and kata.slug not in slugs:
            continue
        for path, shipped in zip(kata.learner_paths(), kata.shipped_paths(), strict=True):
            shipped.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, shipped)
            print(f"shipped {path.relative_to(catalogue.ROOT)}")


def committed(path) -> bytes | None:
    """Return ``path`` as committed in git's HEAD; None where it is not committed."""
    relative = path.relative_to(catalogue.ROOT).as_posix()
    done = subprocess.run(
        ["git", "show", f"HEAD:{relative}"], cwd=catalogue.ROOT, capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def check() -> list[str]:
    """Return how the committed learner files differ from their shipped copies, as sentences."""
    found = []
    for kata in catalogue.load():
        for path, shipped in zip(kata.learner_paths(), kata.shipped_paths(), strict=True):
            text = committed(path)
            if text is None:
                found.append(f"{path.relative_to(catalogue.ROOT)} is not committed")
            elif not shipped.is_file() or shipped.read_bytes() != text:
                found.append(
                    f"{path.relative_to(catalogue.ROOT)} as committed differs from its shipped "
                    f"copy: maintainers, after changing a kata, run "
                    f"`python -m katas.harness.ship {kata.slug}` and commit both"
                )
    return found


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] != ["--check"]:
        ship(argv)
        return 0
    if subprocess.run(["git", "rev-parse"], cwd=catalogue.ROOT, capture_output=True).returncode:
        print("ship --check compares with git's HEAD: run it in a clone", file=sys.stderr)
        return 2
    found = check()
    for problem in found:
        print(problem, file=sys.stderr)
    if not found:
        print("Every committed learner file is its shipped copy.")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
