"""Choose which code the tests run against: the learner's katas, the katas as shipped, the
reference solutions, or an entry of a kata's gallery of mistakes and alternatives.

The tests always import ``katas.<slug>.<file>``. A meta path finder serves those
names from the target's files (``katas/<slug>/<file>.py``, the shipped copy
``katas/harness/shipped/<slug>/<file>.shipped``, ``solutions/<slug>/<file>.py``, or a
gallery entry's), so:

- a module keeps one identity (``katas.<slug>.receivers``), whichever file backs it,
  so receivers connect once and ``mock.patch("katas.<slug>.receivers.x")`` still works;
- relative imports inside a solution (``from .models import Profile``) resolve
  against the kata package, where the given models live;
- tracebacks name the file that really ran;
- the learner's file is never imported for another target, so half-done work cannot
  disturb the run;
- every module of a kata's package but the given ones (``__init__``, ``apps``,
  ``models``) is compiled from its source, never from cached bytecode: Python trusts a
  ``.pyc`` whose recorded mtime (whole seconds) and size match, so two saves within
  one second that keep the size would otherwise be judged on the old code. That
  covers a helper module a learner adds, too;
- a check reads those files once, at its start (:class:`Snapshot`), and imports what
  it read: the verdict is keyed on exactly the code that was judged, whatever is saved
  while it runs.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

from katas.harness import catalogue, rules

ENV_VAR = "KATAS_TARGET"
KATAS = "katas"
SHIPPED = "shipped"
SOLUTIONS = "solutions"
NAMED = (KATAS, SHIPPED, SOLUTIONS)
GALLERY_KINDS = ("mistakes", "alternatives")


class TargetError(ValueError):
    """A target that names nothing the tests can run against."""


class MissingLearnerFile(ImportError):
    """A learner file the catalogue lists is not on disk."""


def gallery_entry(target: str) -> tuple[catalogue.Kata, Path] | None:
    """Return the kata and folder of a gallery entry target, or None for a named target.

    A gallery entry is ``solutions/<slug>/mistakes/<name>`` or
    ``solutions/<slug>/alternatives/<name>``: learner files that stand in for the
    reference ones (a file the entry lacks comes from the reference solution).
    """
    if target in NAMED:
        return None
    path = Path(target)
    path = (path if path.is_absolute() else catalogue.ROOT / path).resolve()
    try:
        slug, kind, name = path.relative_to(catalogue.SOLUTIONS_DIR).parts
    except ValueError:
        raise TargetError(
            f"{ENV_VAR} must be {KATAS!r}, {SHIPPED!r}, {SOLUTIONS!r} or a gallery entry "
            f"(solutions/<kata>/mistakes/<name>), not {target!r}"
        ) from None
    kata = catalogue.by_slug().get(slug)
    if kata is None or kind not in GALLERY_KINDS or not path.is_dir():
        raise TargetError(f"{ENV_VAR}={target!r}: no such gallery entry")
    return kata, path


def check(target: str) -> str:
    """Return ``target`` in its normal form; raise :class:`TargetError` if it names nothing."""
    value = target.strip() or KATAS
    if value.lower() in NAMED:
        return value.lower()
    gallery_entry(value)
    return value


def from_environment() -> str:
    """Return the target named by ``KATAS_TARGET`` (default: the learner's katas).

    Read where a command or a pytest session starts; from then on the target is
    passed along explicitly.
    """
    return check(os.environ.get(ENV_VAR, KATAS))


def describe(target: str) -> str:
    """Say in a few words what ``target`` is, for headers and messages."""
    return {
        KATAS: "katas/ (your files)",
        SHIPPED: "the katas as shipped (katas/harness/shipped/)",
        SOLUTIONS: "solutions/ (the reference)",
    }.get(target, f"{target} (a gallery entry)")


def files_for(kata: catalogue.Kata, target: str, overlay: Path | None = None) -> dict[str, Path]:
    """Map each of ``kata``'s own module names to the file that backs it for ``target``.

    Learner files come from the target; the kata's other own modules (the story's
    helpers, and any module a learner added) from the kata's folder, or from
    ``overlay`` where it has one of the same name (a kata whose learner writes tests
    runs them against broken versions of its story). A learner file missing from the
    target is mapped all the same: importing it says it is missing.
    """
    mapping = {rules.module_name(kata, p.name): p for p in rules.own_files(kata)}
    if overlay is not None:
        mapping.update({rules.module_name(kata, p.name): p for p in rules.own_files(kata, overlay)})
    entry = gallery_entry(target)
    if target == KATAS:
        learner = kata.learner_paths()
    elif target == SHIPPED:
        learner = kata.shipped_paths()
    else:
        learner = kata.solution_paths()
    for name, path in zip(kata.files, learner, strict=True):
        if entry and entry[0] == kata and (entry[1] / name).is_file():
            path = entry[1] / name
        mapping[rules.module_name(kata, name)] = path
    return mapping


class Snapshot:
    """The bytes of a check's own files, read once when it starts.

    Imports are served from these bytes, and :meth:`digest` says what they were:
    what is judged and what the verdict is keyed on are one and the same.
    """

    def __init__(self, files: dict[str, Path]):
        self.paths = dict(files)
        self.sources: dict[str, bytes | None] = {}
        for name, path in sorted(self.paths.items()):
            try:
                self.sources[name] = path.read_bytes()
            except OSError:
                self.sources[name] = None

    @classmethod
    def of(cls, katas, target: str, overlay: Path | None = None) -> Snapshot:
        return cls({n: p for kata in katas for n, p in files_for(kata, target, overlay).items()})

    def digest(self, kata: catalogue.Kata) -> str:
        """Return the digest of ``kata``'s files as read: names and bytes, missing ones too."""
        digest = hashlib.sha256()
        prefix = kata.module + "."
        for name, source in sorted(self.sources.items()):
            if name.startswith(prefix):
                digest.update(name.encode() + b"\0")
                digest.update(b"-" if source is None else hashlib.sha256(source).digest())
        return digest.hexdigest()


def digest_on_disk(kata: catalogue.Kata, target: str) -> str:
    """Return the digest a check of ``kata`` against ``target`` would report, from disk now."""
    return Snapshot(files_for(kata, target)).digest(kata)


class FreshSourceLoader(importlib.machinery.SourceFileLoader):
    """Load a module from its source every time: no bytecode read, none written.

    With a snapshot, the source is the snapshot's bytes, not the file's bytes now.
    """

    def __init__(self, fullname, path, source: bytes | None = None):
        super().__init__(fullname, path)
        self.source = source

    def get_data(self, path):
        if self.source is not None and path == self.path:
            return self.source
        return super().get_data(path)

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
    """Serve the katas' own modules from the active target's files (see the module doc)."""

    def __init__(self, target: str, snapshot: Snapshot | None = None):
        self.target = target
        self.snapshot = snapshot
        self.paths: dict[str, Path] = {}
        for kata in catalogue.load():
            self.paths.update(files_for(kata, target))
        if snapshot is not None:
            self.paths.update(snapshot.paths)

    def find_spec(self, fullname, path=None, target=None):
        location = self.paths.get(fullname)
        if location is None:
            return None
        from katas.harness.loading import imports

        recorded = imports.failure_of(fullname)
        if recorded is not None:
            error = ImportError(f"{fullname} does not import: {recorded.describe()}")
            return importlib.util.spec_from_loader(fullname, FailingLoader(error))
        source = None
        if self.snapshot is not None and fullname in self.snapshot.sources:
            source = self.snapshot.sources[fullname]
            missing = source is None
        else:
            missing = not location.is_file()
        if missing:
            error = MissingLearnerFile(f"{location} is missing", name=fullname, path=str(location))
            return importlib.util.spec_from_loader(fullname, FailingLoader(error))
        loader = FreshSourceLoader(fullname, str(location), source)
        return importlib.util.spec_from_file_location(fullname, str(location), loader=loader)


def current() -> str:
    """Return the active target: ``"katas"``, ``"shipped"``, ``"solutions"`` or a gallery path."""
    for finder in sys.meta_path:
        if isinstance(finder, LearnerFinder):
            return finder.target
    return KATAS


def activate(target: str, snapshot: Snapshot | None = None) -> None:
    """Make later imports of the katas' own modules come from ``target`` (and ``snapshot``).

    Call it before Django imports any kata module; a module imported before keeps
    the file it came from. Activating again replaces the finder.
    """
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, LearnerFinder)]
    sys.meta_path.insert(0, LearnerFinder(target, snapshot))
