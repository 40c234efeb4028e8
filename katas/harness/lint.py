"""`python -m katas.harness.lint`: ruff on the course as shipped, never on a learner's work.

ruff checks and format-checks every Python file of the course but the learner files
(and any module a learner added beside them, which git does not track), then the
shipped copies of the learner files, each under its learner file's name. A learner
who solved or broke katas runs it and it judges the course, as CI does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from katas.harness import catalogue


def course_files() -> list[Path]:
    """Return the course's Python files: tracked by git (when it is a clone), learner files out."""
    learner = {p for kata in catalogue.load() for p in kata.learner_paths()}
    done = subprocess.run(
        ["git", "ls-files", "-z", "--", "*.py"],
        cwd=catalogue.ROOT,
        capture_output=True,
        check=False,
    )
    if done.returncode == 0:
        found = [catalogue.ROOT / name for name in done.stdout.decode().split("\0") if name]
    else:  # a download without git: every file but the katas' own modules
        found = [
            p
            for p in catalogue.ROOT.rglob("*.py")
            if not any(part.startswith(".") for part in p.relative_to(catalogue.ROOT).parts)
        ]
        own = {p for kata in catalogue.load() for p in kata.directory.glob("*.py")}
        given = {p for p in own if p.stem in ("__init__", "apps", "models")}
        learner |= own - given
    return sorted(p for p in found if p not in learner and p.is_file())


def ruff() -> list[str]:
    """Return the command that runs ruff: this Python's, else the one on PATH."""
    import importlib.util

    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    found = shutil.which("ruff")
    if found is None:
        sys.exit('lint: ruff is not installed (python -m pip install -e ".[dev]")')
    return [found]


def main() -> int:
    command = ruff()
    files = [str(p.relative_to(catalogue.ROOT)) for p in course_files()]
    failed = False
    for args in (["check"], ["format", "--check"]):
        done = subprocess.run([*command, *args, "--force-exclude", *files], cwd=catalogue.ROOT)
        failed |= done.returncode != 0
    for kata in catalogue.load():
        for name, shipped in zip(kata.files, kata.shipped_paths(), strict=True):
            as_learner = f"katas/{kata.slug}/{name}"
            source = shipped.read_bytes()
            for args in (["check"], ["format", "--check"]):
                done = subprocess.run(
                    [*command, *args, "--stdin-filename", as_learner, "-"],
                    cwd=catalogue.ROOT,
                    input=source,
                    capture_output=True,
                )
                if done.returncode != 0:
                    failed = True
                    shown = shipped.relative_to(catalogue.ROOT)
                    print(f"{shown} (shipped as {as_learner}):", file=sys.stderr)
                    sys.stderr.write(done.stdout.decode() + done.stderr.decode())
    print("lint: the course as shipped is clean." if not failed else "lint: FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
