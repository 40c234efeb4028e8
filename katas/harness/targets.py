"""Choose which code the tests run against: the learner's katas or the reference solutions.

The tests always import ``katas.<slug>.<file>``. In solutions mode a meta path
finder serves those names from ``solutions/<slug>/<file>.py`` instead, so:

- a module keeps one identity (``katas.<slug>.receivers``), whichever file backs it,
  so receivers connect once and ``mock.patch("katas.<slug>.receivers.x")`` still works;
- relative imports inside a solution (``from .models import Profile``) resolve
  against the kata package, where the given models live;
- tracebacks name the file that really ran;
- the learner's file is never imported, so half-done work cannot disturb the run.

Only the learner files listed in the catalogue are redirected: models, apps and
test modules always come from where they are.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys

from katas.harness import catalogue

ENV_VAR = "KATAS_TARGET"
KATAS = "katas"
SOLUTIONS = "solutions"


class SolutionFinder(importlib.abc.MetaPathFinder):
    """Serve ``katas.<slug>.<file>`` from ``solutions/<slug>/<file>.py``."""

    def __init__(self, redirects: dict[str, str]):
        self.redirects = redirects

    def find_spec(self, fullname, path=None, target=None):
        location = self.redirects.get(fullname)
        if location is None:
            return None
        return importlib.util.spec_from_file_location(fullname, location)


def redirects() -> dict[str, str]:
    """Map each learner module name in the catalogue to its solution file."""
    mapping = {}
    for kata in catalogue.load():
        for name, path in zip(kata.files, kata.solution_paths(), strict=True):
            module = f"{kata.module}.{name.removesuffix('.py').replace('/', '.')}"
            mapping[module] = str(path)
    return mapping


def current() -> str:
    """Return the active target: ``"katas"`` or ``"solutions"``."""
    if any(isinstance(f, SolutionFinder) for f in sys.meta_path):
        return SOLUTIONS
    return KATAS


def from_environment() -> str:
    """Return the target named by ``KATAS_TARGET``; anything unknown is an error."""
    value = os.environ.get(ENV_VAR, KATAS).strip().lower() or KATAS
    if value not in (KATAS, SOLUTIONS):
        raise ValueError(f"{ENV_VAR} must be {KATAS!r} or {SOLUTIONS!r}, not {value!r}")
    return value


def activate(target: str) -> None:
    """Make later imports of learner modules come from ``target``.

    Call it before Django imports any kata module. Activating ``solutions``
    twice installs one finder; activating ``katas`` is a no-op.
    """
    os.environ[ENV_VAR] = target
    if target == SOLUTIONS and current() != SOLUTIONS:
        sys.meta_path.insert(0, SolutionFinder(redirects()))
