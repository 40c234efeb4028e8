"""Remember each kata's last test results, keyed by everything that could change them.

The board runs every kata's tests; most of a learner's katas did not change since
the last look. A kata's results are reused only when its learner files, every other
file of the katas, their tests and the solutions, and the Python environment are
byte for byte what they were when those results were recorded by a real run; any
difference reruns the kata. The store lives in .katas/ (git-ignored).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from katas.harness import catalogue

STORE = catalogue.ROOT / ".katas" / "results.json"
VERSION = 1  # bump when the stored shape or the key's recipe changes


def _files(directory: Path):
    for path in sorted(directory.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path


def _digest(paths) -> hashlib.sha256:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(catalogue.ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest


def _environment() -> bytes:
    """Describe the interpreter, its packages (an install touches site-packages), services."""
    parts = [sys.version, sys.executable, os.environ.get("KATAS_TARGET", "")]
    # A kata can pass on SQLite and fail on PostgreSQL (README, "Real services").
    parts += [os.environ.get(name, "") for name in ("DATABASE_URL", "CELERY_BROKER_URL")]
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            parts.append(f"{entry}:{os.stat(entry).st_mtime_ns}")
    return "\n".join(parts).encode()


def keys(katas) -> dict[str, str]:
    """Return, per kata slug, the key its stored results must carry to be reused.

    Shared part: every file under katas/, tests/ and solutions/ that is not a learner
    file, the root conftest.py and pyproject.toml, and the environment; so a
    maintainer's change (or an edit outside the learner files) reruns everything.
    Own part: the kata's learner files, so a learner's edit reruns that kata only.
    """
    learner = {path for kata in catalogue.load() for path in kata.learner_paths()}
    shared = [
        path
        for top in ("katas", "tests", "solutions")
        if (catalogue.ROOT / top).is_dir()
        for path in _files(catalogue.ROOT / top)
        if path not in learner
    ]
    shared += [catalogue.ROOT / "conftest.py", catalogue.ROOT / "pyproject.toml"]
    base = _digest(p for p in shared if p.is_file())
    base.update(_environment())
    found = {}
    for kata in katas:
        digest = base.copy()
        digest.update(_digest(p for p in kata.learner_paths() if p.is_file()).digest())
        found[kata.slug] = digest.hexdigest()
    return found


def load() -> dict:
    """Return the stored results per slug; empty when there are none or they are unreadable."""
    try:
        data = json.loads(STORE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("katas", {}) if data.get("version") == VERSION else {}


def save(stored: dict) -> None:
    """Write the results per slug, atomically (a board killed mid-write leaves the old file)."""
    STORE.parent.mkdir(exist_ok=True)
    partial = STORE.with_suffix(".partial")
    partial.write_text(json.dumps({"version": VERSION, "katas": stored}), encoding="utf-8")
    partial.replace(STORE)


def split(report: dict, katas) -> dict[str, dict]:
    """Return, per kata, its share of a run's report: its tests and its broken entry."""
    return {
        kata.slug: {
            "slug": kata.slug,
            "tests": [t for t in report.get("tests", []) if t.get("kata") == kata.slug],
            "broken": report.get("broken", {}).get(kata.slug),
        }
        for kata in katas
    }


def merge(parts: list[dict]) -> dict:
    """Return one report (the shape progress.states reads) from per-kata shares."""
    return {
        "tests": [test for part in parts for test in part["tests"]],
        "broken": {p["slug"]: p["broken"] for p in parts if p["broken"]},
    }
