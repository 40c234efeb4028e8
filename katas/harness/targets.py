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
from pathlib import Path

from katas.harness import catalogue

ENV_VAR = "KATAS_TARGET"
KATAS = "katas"
SOLUTIONS = "solutions"
GALLERY_KINDS = ("mistakes", "alternatives")


class TargetError(ValueError):
    """A target that names nothing the tests can run against."""


class SolutionFinder(importlib.abc.MetaPathFinder):
    """Serve ``katas.<slug>.<file>`` from ``solutions/`` (or a gallery entry) instead."""

    def __init__(self, target: str, redirects: dict[str, str]):
        self.target = target
        self.redirects = redirects

    def find_spec(self, fullname, path=None, target=None):
        location = self.redirects.get(fullname)
        if location is None:
            return None
        return importlib.util.spec_from_file_location(fullname, location)


def _module_name(kata: catalogue.Kata, name: str) -> str:
    return f"{kata.module}.{name.removesuffix('.py').replace('/', '.')}"


def gallery_entry(target: str) -> tuple[catalogue.Kata, Path] | None:
    """Return the kata and folder of a gallery entry target, or None for katas/solutions.

    A gallery entry is ``solutions/<slug>/mistakes/<name>`` or
    ``solutions/<slug>/alternatives/<name>``: learner files that stand in for the
    reference ones (a file the entry lacks comes from the reference solution).
    """
    if target in (KATAS, SOLUTIONS):
        return None
    path = Path(target)
    path = (path if path.is_absolute() else catalogue.ROOT / path).resolve()
    try:
        slug, kind, name = path.relative_to(catalogue.SOLUTIONS_DIR).parts
    except ValueError:
        raise TargetError(
            f"{ENV_VAR} must be {KATAS!r}, {SOLUTIONS!r} or a gallery entry "
            f"(solutions/<kata>/mistakes/<name>), not {target!r}"
        ) from None
    kata = catalogue.by_slug().get(slug)
    if kata is None or kind not in GALLERY_KINDS or not path.is_dir():
        raise TargetError(f"{ENV_VAR}={target!r}: no such gallery entry")
    return kata, path


def redirects(target: str = SOLUTIONS) -> dict[str, str]:
    """Map each learner module name in the catalogue to the file that backs it in ``target``."""
    entry = gallery_entry(target)
    mapping = {}
    for kata in catalogue.load():
        for name, path in zip(kata.files, kata.solution_paths(), strict=True):
            if entry and entry[0] == kata and (entry[1] / name).is_file():
                path = entry[1] / name
            mapping[_module_name(kata, name)] = str(path)
    return mapping


def current() -> str:
    """Return the active target: ``"katas"``, ``"solutions"`` or a gallery entry's path."""
    for finder in sys.meta_path:
        if isinstance(finder, SolutionFinder):
            return finder.target
    return KATAS


def from_environment() -> str:
    """Return the target named by ``KATAS_TARGET``; anything unknown is a :class:`TargetError`."""
    value = os.environ.get(ENV_VAR, KATAS).strip() or KATAS
    if value.lower() in (KATAS, SOLUTIONS):
        return value.lower()
    gallery_entry(value)  # raises TargetError with the reason
    return value


def activate(target: str) -> None:
    """Make later imports of learner modules come from ``target``.

    Call it before Django imports any kata module. Activating a target twice
    installs one finder; activating ``katas`` is a no-op.
    """
    os.environ[ENV_VAR] = target
    if target != KATAS and current() != target:
        sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, SolutionFinder)]
        sys.meta_path.insert(0, SolutionFinder(target, redirects(target)))
