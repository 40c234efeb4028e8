"""Ask the learner before doing something they cannot undo or unsee."""

from __future__ import annotations

import sys


def confirm(question: str, assume_yes: bool) -> bool:
    """Return True if the learner agrees; with no terminal to ask, only ``--yes`` agrees."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        print(f"{question} No terminal to ask on: pass --yes to go ahead.", file=sys.stderr)
        return False
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")
