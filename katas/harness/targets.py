"""Choose which code the tests run against: the learner's katas, the reference solutions,
or an entry of a kata's gallery of mistakes and alternatives.

The tests always import ``katas.<slug>.<file>``. A meta path finder serves those
names from the target's files (``katas/<slug>/<file>.py``,
``solutions/<slug>/<file>.py``, or a gallery entry's), so:

- a module keeps one identity (``katas.<slug>.receivers``), whichever file backs it,
  so receivers connect once and ``mock.patch("katas.<slug>.receivers.x")`` still works;
- relative imports inside a solution (``from .models import Profile``) resolve
  against the kata package, where the given models live;
- tracebacks name the file that really ran;
- the learner's file is never imported in solutions mode, so half-done work cannot
  disturb the run;
- learner modules are always compiled from their source, never from cached bytecode:
  Python trusts a ``.pyc`` whose recorded mtime (whole seconds) and size match, so two
  saves within one second that keep the size would otherwise be judged on the old code;
- a learner module that failed to import fails again at once with the recorded error,
  rather than running again (an endless loop would cost its time limit twice).

Only the learner files listed in the catalogue are redirected: models, apps and
test modules always come from where they are.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
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


class FreshSourceLoader(importlib.machinery.SourceFileLoader):
    """Load a module from its source every time: no bytecode read, none written."""

    def get_code(self, fullname):
        return self.source_to_code(self.get_data(self.path), self.path)


class FailingLoader(importlib.abc.Loader):
    """Fail to load a module with a known error (a missing file, a recorded failure)."""

    def __init__(self, error: ImportError):
        self.error = error

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        raise self.error


class LearnerFinder(importlib.abc.MetaPathFinder):
    """Serve ``katas.<slug>.<file>`` from the active target's files."""

    def __init__(self, target: str, redirects: dict[str, str]):
        self.target = target
        self.redirects = redirects

    def find_spec(self, fullname, path=None, target=None):
        location = self.redirects.get(fullname)
        if location is None:
            return None
        from katas.harness import loading

        recorded = next((b for b in loading.broken.values() if b.module == fullname), None)
        if recorded is not None:
            error = ImportError(f"{fullname} does not import: {recorded.describe()}")
            return importlib.util.spec_from_loader(fullname, FailingLoader(error))
        if not os.path.isfile(location):
            missing = loading.MissingLearnerFile(
                f"{location} is missing", name=fullname, path=location
            )
            return importlib.util.spec_from_loader(fullname, FailingLoader(missing))
        loader = FreshSourceLoader(fullname, location)
        return importlib.util.spec_from_file_location(fullname, location, loader=loader)


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
        paths = kata.learner_paths() if target == KATAS else kata.solution_paths()
        for name, path in zip(kata.files, paths, strict=True):
            if entry and entry[0] == kata and (entry[1] / name).is_file():
                path = entry[1] / name
            mapping[_module_name(kata, name)] = str(path)
    return mapping


def current() -> str:
    """Return the active target: ``"katas"``, ``"solutions"`` or a gallery entry's path."""
    for finder in sys.meta_path:
        if isinstance(finder, LearnerFinder):
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

    Call it before Django imports any kata module; a learner module imported
    before keeps the file it came from. Activating again replaces the finder.
    """
    os.environ[ENV_VAR] = target
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, LearnerFinder)]
    sys.meta_path.insert(0, LearnerFinder(target, redirects(target)))
