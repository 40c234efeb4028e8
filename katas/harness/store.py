"""Read and write the command line's small JSON files in ``.katas/`` (git-ignored), safely.

Whatever shape ``.katas/`` is in (a file where the folder should be, a folder where a
file should be, garbage, a read-only checkout), reading gives None and writing
rebuilds it, or quietly does nothing where nothing can be written: a command never
fails because of its memory.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil

from katas.harness import catalogue

FOLDER = catalogue.ROOT / ".katas"


def read(name: str):
    """Return the JSON value stored under ``name``, or None when there is none or it is bad."""
    try:
        return json.loads((FOLDER / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(name: str, value) -> bool:
    """Store ``value`` under ``name`` atomically; return False when it cannot be stored."""
    path = FOLDER / name
    partial = FOLDER / f".{name}.{os.getpid()}.partial"
    try:
        if FOLDER.exists() and not FOLDER.is_dir():
            FOLDER.unlink()  # ours, in a bad shape: rebuild it
        if path.is_dir():
            shutil.rmtree(path)
        FOLDER.mkdir(exist_ok=True)
        partial.write_text(json.dumps(value, indent=1), encoding="utf-8")
        partial.replace(path)
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)  # a write stopped half-way leaves nothing
    return True
