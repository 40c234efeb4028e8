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
from pathlib import Path

from katas.harness import catalogue

FOLDER = catalogue.ROOT / ".katas"


def read(name: str, folder: Path | None = None):
    """Return the JSON value stored under ``name`` (in ``folder``, default ``.katas/``).

    None when there is none or it is bad.
    """
    folder = FOLDER if folder is None else folder
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(name: str, value, folder: Path | None = None) -> bool:
    """Store ``value`` under ``name`` atomically; return False when it cannot be stored."""
    folder = FOLDER if folder is None else folder
    path = folder / name
    partial = folder / f".{name}.{os.getpid()}.partial"
    try:
        if folder.exists() and not folder.is_dir():
            folder.unlink()  # ours, in a bad shape: rebuild it
        if path.is_dir():
            shutil.rmtree(path)
        folder.mkdir(exist_ok=True)
        partial.write_text(json.dumps(value, indent=1), encoding="utf-8")
        partial.replace(path)
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)  # a write stopped half-way leaves nothing
    return True
