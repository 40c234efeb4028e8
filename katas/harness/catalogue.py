"""Read ``katas/catalogue.toml``: the single source of truth for the course.

Everything else (settings, the pytest plugin, verify, the board, the README's
kata table) asks this module which katas exist, in which order, which files a
learner edits and which hints each task has.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
KATAS_DIR = ROOT / "katas"
SOLUTIONS_DIR = ROOT / "solutions"
CATALOGUE_PATH = KATAS_DIR / "catalogue.toml"


@dataclass(frozen=True)
class Task:
    """One numbered task of a kata, as in the kata README."""

    number: int
    title: str
    hints: tuple[str, ...]


@dataclass(frozen=True)
class Kata:
    """One kata: a Django app under ``katas/<slug>/`` and its tests."""

    number: int
    slug: str
    title: str
    pattern: str
    files: tuple[str, ...]
    tests: str
    tasks: tuple[Task, ...]
    # The Django versions the kata needs, as a PEP 440 specifier (e.g. ">=5.0"), and
    # why, in a few words; empty when any supported Django will do.
    django: str = ""
    django_why: str = ""

    @property
    def app_label(self) -> str:
        return self.slug

    @property
    def module(self) -> str:
        """The dotted name of the kata's package, e.g. ``katas.profile_on_signup``."""
        return f"katas.{self.slug}"

    @property
    def url_prefix(self) -> str:
        """Where the kata's pages are served (katas/urls.py): its slug, dashed."""
        return self.slug.replace("_", "-")

    @property
    def directory(self) -> Path:
        return KATAS_DIR / self.slug

    @property
    def solution_directory(self) -> Path:
        return SOLUTIONS_DIR / self.slug

    @property
    def tests_path(self) -> Path:
        return ROOT / self.tests

    @property
    def readme(self) -> Path:
        return self.directory / "README.md"

    def learner_paths(self) -> list[Path]:
        """Return the learner files, in catalogue order."""
        return [self.directory / name for name in self.files]

    def solution_paths(self) -> list[Path]:
        """Return the reference twins of the learner files, in the same order."""
        return [self.solution_directory / name for name in self.files]

    def shipped_paths(self) -> list[Path]:
        """Return the pristine copies of the learner files, in the same order."""
        # Pristine copies kept in the package, so `katas reset` works without git.
        shipped = KATAS_DIR / "harness" / "shipped" / self.slug
        return [shipped / f"{name}.shipped" for name in self.files]

    def unavailable_reason(self, version: str | None = None) -> str | None:
        """Return why the kata cannot run on this Django (or on ``version``), or None.

        E.g. "needs Django 5.0 or newer (you have 4.2.30): asend() and async receivers
        came in 5.0".
        """
        if not self.django:
            return None
        if version is None:
            import django

            version = django.get_version()
        if _satisfies(version, self.django):
            return None
        reason = f"needs {_describe_specifier(self.django)} (you have {version})"
        return f"{reason}: {self.django_why}" if self.django_why else reason

    def task(self, number: int) -> Task:
        for task in self.tasks:
            if task.number == number:
                return task
        raise LookupError(f"kata {self.slug!r} has no task {number}")


def _satisfies(version: str, specifier: str) -> bool:
    """Whether ``version`` meets ``specifier`` (comma-separated clauses such as ">=5.0,<7")."""
    from packaging.specifiers import SpecifierSet  # packaging comes with pytest

    return SpecifierSet(specifier).contains(version, prereleases=True)


def _describe_specifier(specifier: str) -> str:
    """Say a specifier in words: ">=5.0" -> "Django 5.0 or newer"."""
    clauses = [c.strip() for c in specifier.split(",")]
    if len(clauses) == 1 and clauses[0].startswith(">="):
        return f"Django {clauses[0][2:].strip()} or newer"
    if len(clauses) == 1 and clauses[0].startswith("<") and not clauses[0].startswith("<="):
        return f"a Django older than {clauses[0][1:].strip()}"
    return f"Django {specifier}"


# --- What may name and describe a kata -------------------------------------------------

# A kata's name goes into folders, file names (tests/<slug>/test_<slug>.py), a class
# name and lines of code that must stay within ruff's 100 characters.
SLUG_LIMIT = 40
TITLE_LIMIT, PATTERN_LIMIT = 80, 120


def slug_problem(slug: str) -> str | None:
    """Return why ``slug`` cannot name a kata (its spelling or its length), or None."""
    if len(slug) > SLUG_LIMIT:
        shown = slug if len(slug) <= 50 else f"{slug[:40]}..."
        return f"a kata name has at most {SLUG_LIMIT} characters; {shown!r} has {len(slug)}"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", slug) or keyword.iskeyword(slug):
        return (
            f"{slug!r} is not a kata name: use lower case letters, digits and underscores, "
            "starting with a letter (it becomes a Python package and a Django app label)"
        )
    return None


def _unprintable(char: str) -> bool:
    # Control, format (e.g. right-to-left overrides), surrogate, private and unassigned
    # characters, and the line and paragraph separators that splitlines() breaks on.
    return unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp")


def text_problem(text: str, what: str, limit: int) -> str | None:
    """Return why ``text`` cannot be a kata's ``what`` (one line of printable text), or None."""
    bad = next((char for char in text if _unprintable(char)), None)
    if bad is not None:
        return (
            f"the {what} holds {bad!r} (U+{ord(bad):04X}): a {what} is one line of printable text"
        )
    if not text.strip():
        return f"the {what} is empty"
    if len(text) > limit:
        return f"a {what} has at most {limit} characters; this one has {len(text)}"
    return None


class CatalogueError(ValueError):
    """The catalogue file is missing a field or has one of the wrong shape."""


def _require(table: dict, key: str, where: str, kind: type):
    value = table.get(key)
    if not isinstance(value, kind) or (hasattr(value, "__len__") and len(value) == 0):
        raise CatalogueError(f"{CATALOGUE_PATH.name}: {where} needs a non-empty {key!r}")
    return value


def _optional(table: dict, key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise CatalogueError(f"{CATALOGUE_PATH.name}: {where} has a {key!r} that is not a string")
    return value.strip()


def _specifier(table: dict, where: str) -> str:
    specifier = _optional(table, "django", where)
    if specifier:
        from packaging.specifiers import InvalidSpecifier

        try:
            _satisfies("1.0", specifier)
        except InvalidSpecifier:
            raise CatalogueError(
                f"{CATALOGUE_PATH.name}: {where} has a 'django' that is not a version "
                f"specifier such as '>=5.0': {specifier!r}"
            ) from None
    return specifier


def parse(text: str) -> tuple[Kata, ...]:
    """Parse catalogue TOML text into katas, numbered from 1 in file order."""
    data = tomllib.loads(text)
    katas = []
    for number, table in enumerate(data.get("kata", []), start=1):
        slug = _require(table, "slug", f"kata #{number}", str)
        where = f"kata {slug!r}"
        tasks = []
        for task_number, task in enumerate(_require(table, "task", where, list), start=1):
            task_where = f"{where} task {task_number}"
            hints = _require(task, "hints", task_where, list)
            if not all(isinstance(h, str) and h.strip() for h in hints):
                raise CatalogueError(f"{CATALOGUE_PATH.name}: {task_where} has an empty hint")
            tasks.append(Task(task_number, _require(task, "title", task_where, str), tuple(hints)))
        katas.append(
            Kata(
                number=number,
                slug=slug,
                title=_require(table, "title", where, str),
                pattern=table.get("pattern", ""),
                files=tuple(_require(table, "files", where, list)),
                tests=_require(table, "tests", where, str),
                tasks=tuple(tasks),
                django=_specifier(table, where),
                django_why=_optional(table, "django_why", where),
            )
        )
    slugs = [k.slug for k in katas]
    if len(set(slugs)) != len(slugs):
        raise CatalogueError(f"{CATALOGUE_PATH.name}: a slug is listed twice")
    return tuple(katas)


RESTORE = "restore it with `git checkout katas/catalogue.toml` (or a fresh copy of the course)"


@cache
def load() -> tuple[Kata, ...]:
    """Return every kata of the catalogue, in course order.

    A missing or unreadable catalogue, or one that is not TOML, raises
    :class:`CatalogueError` saying what is wrong and how to restore it.
    """
    try:
        text = CATALOGUE_PATH.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(f"cannot read {CATALOGUE_PATH}: {error}; {RESTORE}") from None
    try:
        return parse(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{CATALOGUE_PATH} is not valid TOML ({error}); {RESTORE}") from None


def by_slug() -> dict[str, Kata]:
    return {kata.slug: kata for kata in load()}


def kata_for_path(path: Path) -> Kata | None:
    """Return the kata whose tests directory holds ``path``, if any."""
    path = Path(path).resolve()
    for kata in load():
        if path == kata.tests_path or kata.tests_path in path.parents:
            return kata
    return None
