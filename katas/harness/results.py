"""Remember each kata's last verdict, keyed by everything that could change it.

The board judges every kata; most of a learner's katas did not change since the
last look. A kata's stored run is reused only when its key matches. The key covers:

- the kata's own files (:func:`katas.harness.rules.own_files`: its learner files, the
  story's modules, any module the learner added), as the judging child read them
  (:attr:`katas.harness.report.Run.digests`): a save made while the check ran gives a
  new key, so the stored verdict is never reused for code it did not judge;
- every other file pytest reads for the katas (models, migrations, tests, shared
  test helpers, the harness itself, settings, ``conftest.py``, ``pyproject.toml``):
  the shared part, read before the check and again after it; a change meanwhile
  stores nothing;
- the target, Python, every installed package's version, and every environment
  variable that pytest, Django or the harness read.

The store is ``.katas/results.json`` (:mod:`katas.harness.store`: a bad one is
ignored and rebuilt, a read-only checkout keeps nothing).
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path

from katas.harness import catalogue, report, rules, store, targets

NAME = "results.json"
VERSION = 3  # bump when the stored shape or the key's recipe changes

# Environment variables that can change what pytest, Django or the harness do.
ENV_PREFIXES = ("PYTEST_", "KATAS_", "DJANGO_", "CELERY_", "PYTHON")
# A kata can pass on SQLite and fail on PostgreSQL (README, "Real services").
ENV_NAMES = ("DATABASE_URL",)


def _files(directory: Path):
    for path in sorted(directory.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path


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


def shared_digest(target: str) -> str | None:
    """Return the digest of everything but the katas' own files; None if a file cannot be read.

    The harness's own tests and the solutions cannot change a learner's verdict; for
    another target, the solutions can.
    """
    own = {path for kata in catalogue.load() for path in rules.own_files(kata)}
    own |= {path for kata in catalogue.load() for path in kata.learner_paths()}
    skipped = [catalogue.ROOT / "tests" / "harness", catalogue.ROOT / "katas" / "dojo"]
    tops = ["katas", "tests"] + ([] if target == targets.KATAS else ["solutions"])
    paths = [
        path
        for top in tops
        for path in _files(catalogue.ROOT / top)
        if path not in own and not any(s in path.parents for s in skipped)
    ]
    paths += [catalogue.ROOT / "conftest.py", catalogue.ROOT / "pyproject.toml"]
    digest = hashlib.sha256(target.encode() + b"\0" + _environment())
    try:
        for path in paths:
            if path.is_file():
                digest.update(path.relative_to(catalogue.ROOT).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return None
    return digest.hexdigest()


def key(shared: str, own: str) -> str:
    """Return a kata's key from the shared digest and its own files' digest."""
    return hashlib.sha256(f"{shared}:{own}".encode()).hexdigest()


def keys_now(katas, target: str, shared: str) -> dict[str, str]:
    """Return each kata's key from its files on disk now."""
    return {kata.slug: key(shared, targets.digest_on_disk(kata, target)) for kata in katas}


def load(keys: dict[str, str], folder: Path | None = None) -> dict[str, report.Run]:
    """Return the stored run of each kata whose stored key equals ``keys[slug]``.

    Anything unreadable or of another shape counts as nothing stored.
    """
    found = {}
    for slug, entry in _entries(folder).items():
        try:
            if keys.get(slug) is not None and entry["key"] == keys[slug]:
                run = report.Run.from_dict(entry["run"])
                if run.judged(slug):
                    found[slug] = run
        except (ValueError, KeyError, TypeError):
            continue
    return found


def _entries(folder: Path | None = None) -> dict:
    data = store.read(NAME, folder)
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    entries = data.get("katas")
    if not isinstance(entries, dict):
        return {}
    return {s: e for s, e in entries.items() if isinstance(e, dict)}


def save(shared: str, runs: dict[str, report.Run], folder: Path | None = None) -> None:
    """Store each judged run of ``runs`` under the key of the files its child read.

    A run without the digest of what it judged is not stored. Nothing is stored
    where the store cannot be written (a read-only checkout).
    """
    entries = _entries(folder)
    for slug, run in runs.items():
        own = run.digests.get(slug)
        if own is None or not run.judged(slug):
            continue
        entries[slug] = {"key": key(shared, own), "run": run.to_dict()}
    store.write(NAME, {"version": VERSION, "katas": entries}, folder)
