"""`python -m katas new SLUG`: scaffold a new kata, and list what is still to do.

It writes every file a kata is made of (see CONTRIBUTING.md), each placeholder marked
``TODO (new kata)``: the app, its README, its tests, the solution twins, the shipped
copies, the kata's plan in the dojo guide and its block at the end of the catalogue.
The files come from the templates in ``katas/harness/templates/kata/``, rendered the way
``django-admin startapp --template`` renders its own: Django's template engine with a
plain context, nothing escaped.

A scaffold is written whole or not at all: the files are written into a temporary
folder first and moved into place, the dojo guide and the catalogue are replaced last;
anything that fails on the way is undone, so a retry starts from a clean course.

From then on :func:`checklist` says what is still to do: the scaffold's placeholders,
and every rule of :mod:`katas.harness.rules` the kata breaks (the rules verify judges
by). The scaffold's ``tests/<slug>/test_scaffold.py`` turns each item into a failing
test, so ``python -m katas verify SLUG`` lists them, until the last item: delete that
file.
"""

from __future__ import annotations

import ast
import functools
import os
import pkgutil
import re
import shutil
import sys
import tempfile
from pathlib import Path

from katas.harness import catalogue, rules

MARKER = rules.SCAFFOLD_MARKER
SCAFFOLD_TEST = "test_scaffold.py"
RESERVED_FILES = {"__init__.py", "apps.py", "models.py", "admin.py", "tests.py"}
TEMPLATES = Path(__file__).resolve().parents[1] / "harness" / "templates" / "kata"
DOJO_GUIDE = Path("docs") / "dojo.md"
PLANS_HEADING = "## Session plans, kata by kata"


def add_arguments(parser):
    parser.add_argument(
        "slug", metavar="SLUG", help="the new kata's name: lower_case_with_underscores"
    )
    parser.add_argument("--title", help="what the learner builds, in a few words")
    parser.add_argument("--pattern", help="the signal pattern it teaches")
    parser.add_argument(
        "--files",
        nargs="+",
        default=["receivers.py"],
        metavar="FILE",
        help="the learner files, in the order a learner reads them (default: receivers.py); "
        "test modules (test_*.py) make a kata whose learner writes tests",
    )
    parser.add_argument(
        "--tasks", type=int, default=3, metavar="N", help="how many tasks (default: 3)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="scaffold nothing: list what is still to do for an existing kata SLUG",
    )


class Refused(ValueError):
    """The arguments name a kata that cannot be scaffolded; the message says why."""


def _django_app_labels() -> set[str]:
    import django.contrib

    return {module.name for module in pkgutil.iter_modules(django.contrib.__path__)}


def _taken(slug: str) -> str | None:
    """Return why ``slug`` is taken by the course, the tooling or Django, or None."""
    root = catalogue.ROOT
    for where in (catalogue.KATAS_DIR, catalogue.SOLUTIONS_DIR, root / "tests"):
        if not where.is_dir():
            continue
        for entry in sorted(where.iterdir()):
            shown = entry.relative_to(root).as_posix()
            if entry.name == slug:
                return f"{shown} already exists"
            if entry.name.split(".")[0] == slug:
                # A package katas/<slug>/ would hide the module katas/<slug>.py from imports.
                return f"{shown} exists: a kata {slug!r} would shadow it; choose another name"
    if slug in rules.TOOLING | rules.OTHER_TESTS | {"shipped"}:
        return f"{slug!r} is a folder of the tooling; choose another name"
    if slug in _django_app_labels():
        return (
            f"{slug!r} is the label of Django's app django.contrib.{slug} "
            "(app labels must be unique); choose another name"
        )
    return None


def validate(slug: str, files: list[str], tasks: int) -> None:
    """Raise :class:`Refused` unless ``slug``, ``files`` and ``tasks`` make a new kata."""
    problem = catalogue.slug_problem(slug)
    if problem:
        raise Refused(problem)
    if slug in {kata.slug for kata in catalogue.load()}:
        raise Refused(f"kata {slug!r} is already in {catalogue.CATALOGUE_PATH.name}")
    problem = _taken(slug)
    if problem:
        raise Refused(problem)
    for name in files:
        stem = name.removesuffix(".py")
        if (
            not name.endswith(".py")
            or not all(part.isidentifier() for part in stem.split("/"))
            or name in RESERVED_FILES
        ):
            raise Refused(
                f"{name!r} cannot be a learner file: give a Python file name such as "
                "receivers.py (not models.py or apps.py, which are given)"
            )
    if len(set(files)) != len(files):
        raise Refused("a learner file is listed twice")
    if not 1 <= tasks <= 9:
        raise Refused(f"--tasks {tasks}: a kata has 1 to 9 tasks (small ones)")


def validate_text(title: str | None, pattern: str | None) -> None:
    """Raise :class:`Refused` unless the given title and pattern are one printable line each."""
    for text, what, limit in (
        (title, "title", catalogue.TITLE_LIMIT),
        (pattern, "pattern", catalogue.PATTERN_LIMIT),
    ):
        problem = None if text is None else catalogue.text_problem(text, what, limit)
        if problem:
            raise Refused(problem)


# --- the scaffold ---------------------------------------------------------------------

_INVALID = "\x00not in the context: %s\x00"


@functools.cache
def _engine():
    from django.template import Engine

    return Engine(string_if_invalid=_INVALID)


def render(template: str, **context) -> str:
    """Render ``templates/kata/<template>`` with ``context`` (strings), as startapp does.

    Only strings are given: a number would be localised, which reads Django's settings.
    """
    from django.template import Context

    text = (TEMPLATES / template).read_text(encoding="utf-8")
    rendered = _engine().from_string(text).render(Context(context, autoescape=False))
    missing = re.search(_INVALID.replace("%s", "(.*?)"), rendered)
    if missing:
        raise LookupError(f"template {template} uses {missing.group(1)!r}, which is not given")
    return rendered.rstrip("\n") + "\n"  # one newline at the end, whatever the loops left


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n"}
_TOML_ESCAPES |= {"\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """Return ``text`` as a TOML basic string, every character TOML forbids escaped."""
    escaped = "".join(
        _TOML_ESCAPES.get(char)
        or (f"\\u{ord(char):04x}" if ord(char) < 0x20 or ord(char) == 0x7F else char)
        for char in text
    )
    return f'"{escaped}"'


def _context(slug, title, pattern, files, tasks) -> dict:
    return {
        "marker": MARKER,
        "slug": slug,
        "title": title,
        "pattern": pattern,
        "files": list(files),
        "tasks": [str(n) for n in range(1, tasks + 1)],  # strings: no localisation
        "config": "".join(part.title() for part in slug.split("_")) + "Config",
        "toml": {
            "slug": toml_string(slug),
            "title": toml_string(title),
            "pattern": toml_string(pattern),
            "files": ", ".join(toml_string(name) for name in files),
            "tests": toml_string(f"tests/{slug}"),
        },
    }


def writes_tests(files) -> bool:
    """True when the learner files are test modules (``test_*.py``): the learner writes tests.

    Such a kata's story (its signal, services, receivers) is given and correct; its
    tests run the learner's tests against it and against broken versions of it
    (``katas/<slug>/broken/<name>/``), with ``tests/learner_tests.py``. Its templates
    are in ``templates/kata/writes_tests/``: an apps.py that imports the story's
    receivers (not the learner's tests), a story module, a learner test module, and
    kata tests and a conftest built on ``tests/learner_tests.py``.
    """
    return all(Path(name).name.startswith("test_") for name in files)


def kata_files(slug, title, pattern, files, tasks) -> dict[Path, str]:
    """Return every file of the new kata (paths relative to the course) and its text."""
    context = _context(slug, title, pattern, files, tasks)
    app, tests, solutions = Path("katas", slug), Path("tests", slug), Path("solutions", slug)
    shipped = Path("katas", "harness", "shipped", slug)
    own = "writes_tests/" if writes_tests(files) else ""  # the templates that differ
    written = {
        app / "__init__.py": "",
        app / "apps.py": render(f"{own}apps.py-tpl", **context),
        app / "models.py": render("models.py-tpl", **context),
        app / "migrations" / "__init__.py": "",
        app / "README.md": render("README.md-tpl", **context),
        tests / "__init__.py": "",
        tests / f"test_{slug}.py": render(f"{own}test_kata.py-tpl", **context),
        tests / SCAFFOLD_TEST: render("test_scaffold.py-tpl", **context),
    }
    if own:
        written[app / "receivers.py"] = render(f"{own}receivers.py-tpl", **context)
        written[tests / "conftest.py"] = render(f"{own}conftest.py-tpl", **context)
    learner = render(f"{own}learner.py-tpl", **context)
    for name in files:
        written[app / name] = learner
        written[shipped / f"{name}.shipped"] = learner
        written[solutions / name] = render(f"{own}solution.py-tpl", **context)
        # A learner file in a subfolder (e.g. services/orders.py) needs its package.
        for package in (app / name).parents:
            if package == app:
                break
            written.setdefault(package / "__init__.py", "")
    return written


def catalogue_with(slug, title, pattern, files, tasks) -> str:
    """Return the catalogue with the new kata's block at its end, checked to parse."""
    block = render("catalogue.toml-tpl", **_context(slug, title, pattern, files, tasks))
    text = catalogue.CATALOGUE_PATH.read_text(encoding="utf-8").rstrip("\n") + "\n" + block
    katas = catalogue.parse(text)
    if (katas[-1].slug, katas[-1].title, katas[-1].pattern) != (slug, title, pattern):
        raise catalogue.CatalogueError(f"the block written for {slug!r} does not read back")
    return text


def dojo_guide_with(guide: str, slug: str) -> str:
    """Return the dojo guide with the kata's plan last among the session plans."""
    plan = render("dojo_plan.md-tpl", marker=MARKER, slug=slug)
    lines = guide.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == PLANS_HEADING), None)
    if start is None:
        return (
            guide.rstrip("\n") + ("\n\n" if guide.strip() else "") + PLANS_HEADING + "\n\n" + plan
        )
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    before, after = "".join(lines[:end]).rstrip("\n"), "".join(lines[end:])
    return before + "\n\n" + plan + ("\n" + after if after else "")


def _replace_text(path: Path, text: str) -> None:
    """Write ``text`` beside ``path``, then rename it over ``path`` (atomic on one disk)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        temporary.write_text(text, encoding="utf-8")
        if path.is_file():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class Failed(Exception):
    """A scaffold stopped half-way and was undone; ``left`` names what could not be undone."""

    def __init__(self, reason: str, left: list[str]):
        super().__init__(reason)
        self.left = left


def _keep(path: Path, copy: Path) -> None:
    """Keep ``path``'s current bytes at ``copy`` (a hard link: nothing to write)."""
    try:
        os.link(path, copy)
    except OSError:
        shutil.copy2(path, copy)


def scaffold(slug, title, pattern, files, tasks) -> list[Path]:
    """Write every file of a new kata, its dojo plan and its catalogue block, or nothing.

    Return the files written. When writing fails (a full disk, a file size limit), what
    was done is undone and :class:`Failed` is raised.
    """
    root = catalogue.ROOT
    guide = root / DOJO_GUIDE
    try:
        written = kata_files(slug, title, pattern, files, tasks)
        new_catalogue = catalogue_with(slug, title, pattern, files, tasks)
        old_guide = guide.read_text(encoding="utf-8") if guide.exists() else None
        new_guide = dojo_guide_with(old_guide or "", slug)
    except (OSError, UnicodeDecodeError) as error:
        raise Failed(f"cannot read {getattr(error, 'filename', None) or error}", []) from None
    staging = Path(tempfile.mkdtemp(prefix=f".katas-new-{slug}-", suffix=".partial", dir=root))
    undo: list[tuple[object, str]] = []  # (how to undo a step, what it made), in order
    try:
        for path, text in written.items():
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_text(text, encoding="utf-8")
        shipped = Path("katas", "harness", "shipped", slug)
        for top in (Path("katas", slug), Path("tests", slug), Path("solutions", slug), shipped):
            (root / top).parent.mkdir(parents=True, exist_ok=True)
            (staging / top).rename(root / top)
            undo.append((lambda folder=root / top: shutil.rmtree(folder), f"{top.as_posix()}/"))
        if old_guide is None:
            made_docs = not guide.parent.exists()
            guide.parent.mkdir(parents=True, exist_ok=True)
            _replace_text(guide, new_guide)
            undo.append((guide.unlink, DOJO_GUIDE.as_posix()))
            if made_docs:
                undo.insert(-1, (guide.parent.rmdir, f"{DOJO_GUIDE.parent.as_posix()}/"))
        else:
            before = staging / "dojo.md.before"
            _keep(guide, before)
            _replace_text(guide, new_guide)
            undo.append((lambda: os.replace(before, guide), DOJO_GUIDE.as_posix()))
        _replace_text(catalogue.CATALOGUE_PATH, new_catalogue)  # last: the kata now exists
    except BaseException as error:
        left = []
        for step, made in reversed(undo):
            try:
                step()
            except OSError:
                left.append(made)
        if isinstance(error, OSError):
            raise Failed(error.strerror or str(error), left) from None
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    catalogue.load.cache_clear()
    return sorted(root / path for path in written)


# --- the checklist ----------------------------------------------------------------------


def _shown(path: Path) -> str:
    return path.relative_to(catalogue.ROOT).as_posix()


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _defines_models(path: Path) -> bool:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return False
    return any(isinstance(node, ast.ClassDef) and node.bases for node in tree.body)


def placeholders(kata) -> list[str]:
    """What the scaffold left for its author: each ``TODO (new kata)``, each missing step."""
    slug, found = kata.slug, []
    if MARKER in kata.title or MARKER in kata.pattern:
        found.append(f"katas/catalogue.toml: give kata {slug!r} its title and pattern")
    for task in kata.tasks:
        if MARKER in task.title or any(MARKER in hint for hint in task.hints):
            found.append(
                f"katas/catalogue.toml: write the title and hints of task {task.number} of "
                f"{slug!r} (questions first, then concrete hints with Django docs links)"
            )
    models = kata.directory / "models.py"
    if MARKER in _text(models):
        found.append(f"{_shown(models)}: write the given models (or remove the {MARKER} note)")
    if _defines_models(models) and not list((kata.directory / "migrations").glob("0001_*.py")):
        found.append(
            f"katas/{slug}/migrations/: generate 0001_initial.py: "
            f"python -m django makemigrations {slug} --settings=katas.settings"
        )
    for learner, solution, shipped in zip(
        kata.learner_paths(), kata.solution_paths(), kata.shipped_paths(), strict=True
    ):
        if MARKER in _text(learner):
            found.append(f"{_shown(learner)}: write the learner's starting file (its TODOs)")
        elif learner.is_file() and shipped.is_file() and _text(learner) != _text(shipped):
            found.append(
                f"{_shown(learner)} differs from its shipped copy: "
                f"python -m katas.harness.ship {slug}"
            )
        if MARKER in _text(solution):
            found.append(f"{_shown(solution)}: write the reference solution")
    if MARKER in _text(kata.readme):
        found.append(f"{_shown(kata.readme)}: replace every {MARKER} placeholder")
    if writes_tests(kata.files):
        found += _story_items(kata)
    found += _dojo_plan_items(kata)
    table = catalogue.ROOT / "README.md"
    if f"`{slug}`" not in _text(table):
        found.append(f"README.md: add the kata's row to the table of katas (`{slug}`)")
    return found


def _story_items(kata) -> list[str]:
    """What a kata whose learner writes tests still needs: its story, and broken versions."""
    from katas.harness.nested import broken_versions

    learner = set(kata.learner_paths())
    found = [
        f"{_shown(path)}: write the story's code (given and correct: the learner tests it)"
        for path in rules.own_files(kata)
        if path not in learner and MARKER in _text(path)
    ]
    count = len(broken_versions(kata))
    if count < len(kata.tasks):
        found.append(
            f"katas/{kata.slug}/broken/: {count} broken version(s); write at least one per task "
            "(a folder each, holding a broken copy of the story modules it changes), and "
            f"describe each in BROKEN in tests/{kata.slug}/test_{kata.slug}.py"
        )
    return found


def _dojo_plan_items(kata) -> list[str]:
    guide = _text(catalogue.ROOT / DOJO_GUIDE)
    heading = re.search(rf"^### `?{kata.slug}`?(?:[ (].*)?$", guide, re.M)
    if heading is None:
        return [
            f"{DOJO_GUIDE.as_posix()}: add the dojo plan of {kata.slug} under "
            f"`{PLANS_HEADING}` (time box, first test, pitfalls, questions)"
        ]
    plan = re.split(r"^##", guide[heading.end() :], maxsplit=1, flags=re.M)[0]
    if MARKER in plan:
        return [
            f"{DOJO_GUIDE.as_posix()}: write the dojo plan of {kata.slug} "
            "(first test, pitfalls, questions)"
        ]
    return []


def checklist(slug: str, with_rules: bool = True) -> list[str]:
    """Return what is still to do before kata ``slug`` is complete, one sentence each.

    ``with_rules=False`` leaves out the course's rules: verify reports those itself.
    """
    kata = catalogue.by_slug().get(slug)
    if kata is None:
        return [f"{catalogue.CATALOGUE_PATH.name}: add a [[kata]] block for {slug!r}"]
    found = placeholders(kata)
    if with_rules:
        found += [problem for check in rules.CHECKS for problem in check(kata)]
    if (kata.tests_path / SCAFFOLD_TEST).is_file():
        found.append(
            f"tests/{slug}/{SCAFFOLD_TEST}: delete this checklist once it lists nothing else"
        )
    return found


# --- the command --------------------------------------------------------------------------


def check(slug: str) -> int:
    if slug not in catalogue.by_slug():
        print(f"new: no kata {slug!r} in the catalogue", file=sys.stderr)
        return 2
    kata = catalogue.by_slug()[slug]
    to_do = [item for item in checklist(slug) if SCAFFOLD_TEST not in item]
    # In verify, each placeholder test fails with what to write; here, say it.
    to_do += [
        f"{_shown(path)}: replace the placeholder tests with the kata's tests"
        for path in sorted(kata.tests_path.glob("test_*.py"))
        if path.name != SCAFFOLD_TEST and MARKER in _text(path)
    ]
    for item in to_do:
        print(f"- {item}")
    print(f"new: {len(to_do)} thing(s) to do for {slug}" if to_do else "new: nothing to do")
    return 1 if to_do else 0


def run(args) -> int:
    if args.check:
        return check(args.slug)
    try:
        validate(args.slug, args.files, args.tasks)
        validate_text(args.title, args.pattern)
    except Refused as error:
        print(f"new: {error}", file=sys.stderr)
        return 2
    title = args.title or f"{MARKER}: the title of {args.slug}"
    pattern = args.pattern or f"{MARKER}: the pattern {args.slug} teaches"
    try:
        written = scaffold(args.slug, title, pattern, args.files, args.tasks)
    except Failed as error:
        undone = (
            f"could not undo {', '.join(error.left)}: remove it by hand"
            if error.left
            else "nothing was changed"
        )
        print(f"new: could not write kata {args.slug!r} ({error}); {undone}", file=sys.stderr)
        return 1
    print(f"\nnew: scaffolded kata {args.slug!r} ({len(written)} files), last in the catalogue:")
    for path in written:
        print(f"  {_shown(path)}")
    print(f"  {DOJO_GUIDE.as_posix()} (its plan, under `{PLANS_HEADING}`)")
    print("\nStill to do (`python -m katas verify " + args.slug + "` lists these until done):")
    for item in checklist(args.slug):
        print(f"- {item}")
    print("\nSee CONTRIBUTING.md for how a kata is made and reviewed.")
    return 0
