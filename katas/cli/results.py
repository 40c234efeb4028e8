"""Remember each kata's last judged results, keyed by everything that could change them.

The board runs every kata's tests; most of a learner's katas did not change since
the last look. A kata's stored results are reused only when its key matches: the
kata's learner files, every other file pytest reads for the katas (their models,
migrations, tests, shared test helpers, the harness itself, settings, conftest.py,
pyproject.toml), Python, Django and every installed package's version, and every
environment variable that pytest, Django or the harness read. The store is
``.katas/results.json`` (katas.cli.store: a bad one is ignored and rebuilt).
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path

from katas.cli import store
from katas.harness import catalogue, report

NAME = "results.json"
VERSION = 2  # bump when the stored shape or the key's recipe changes

# Environment variables that can change what pytest, Django or the harness do.
ENV_PREFIXES = ("PYTEST_", "KATAS_", "DJANGO_", "CELERY_", "PYTHON")
# A kata can pass on SQLite and fail on PostgreSQL (README, "Real services").
ENV_NAMES = ("DATABASE_URL",)


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
    """Describe the interpreter, the installed packages and the environment pytest reads."""
    parts = [sys.version, sys.executable]
    parts += sorted(
        f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata
    )
    parts += sorted(
        f"{k}={v}" for k, v in os.environ.items() if k.startswith(ENV_PREFIXES) or k in ENV_NAMES
    )
    return "\n".join(parts).encode()


def keys(katas) -> dict[str, str] | None:
    """Return, per kata slug, the key its stored results must carry to be reused.

    Shared part: every file under katas/ and tests/ that is not a learner file (the
    harness's own tests and the solutions cannot change a learner's verdict), the
    root conftest.py and pyproject.toml, and the environment. Own part: the kata's
    learner files, so a learner's edit reruns that kata only. None when the files
    cannot be read (then nothing is reused or stored).
    """
    learner = {path for kata in catalogue.load() for path in kata.learner_paths()}
    harness_tests = catalogue.ROOT / "tests" / "harness"
    shared = [
        path
        for top in ("katas", "tests")
        for path in _files(catalogue.ROOT / top)
        if path not in learner and harness_tests not in path.parents
    ]
    shared += [catalogue.ROOT / "conftest.py", catalogue.ROOT / "pyproject.toml"]
    try:
        base = _digest(p for p in shared if p.is_file())
        base.update(_environment())
        found = {}
        for kata in katas:
            digest = base.copy()
            own = [p for p in kata.learner_paths() if p.is_file()]
            digest.update(_digest(own).digest() + str(len(own)).encode())
            found[kata.slug] = digest.hexdigest()
    except OSError:
        return None
    return found


def load(keys: dict[str, str]) -> dict[str, report.Run]:
    """Return the stored run of each kata whose stored key equals ``keys[slug]``.

    Anything unreadable or of another shape counts as nothing stored.
    """
    found = {}
    for slug, entry in _entries().items():
        try:
            if keys.get(slug) is not None and entry["key"] == keys[slug]:
                run = report.Run.from_dict(entry["run"])
                if run.judged(slug):
                    found[slug] = run
        except (ValueError, KeyError, TypeError):
            continue
    return found


def _entries() -> dict:
    data = store.read(NAME)
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    entries = data.get("katas")
    if not isinstance(entries, dict):
        return {}
    return {s: e for s, e in entries.items() if isinstance(e, dict)}


def save(keys: dict[str, str], runs: dict[str, report.Run]) -> None:
    """Store ``runs`` (per slug, each judged) under their keys, keeping the other katas' entries.

    Nothing is stored where the store cannot be written (a read-only checkout).
    """
    entries = _entries()
    for slug, run in runs.items():
        entries[slug] = {"key": keys[slug], "run": run.to_dict()}
    store.write(NAME, {"version": VERSION, "katas": entries})
