"""`python -m katas new SLUG`: scaffold a new kata, and list what is still to do.

It writes every file a kata is made of (see CONTRIBUTING.md), each placeholder marked
``TODO (new kata)``, appends the kata's block to the catalogue and ships the learner
files. From then on :func:`checklist` says what is still a placeholder or missing; the
scaffold's ``tests/<slug>/test_scaffold.py`` turns each item into a failing test, so
``python -m katas verify SLUG`` lists them, until the last item: delete that file.
"""

from __future__ import annotations

import ast
import keyword
import re
import sys
from pathlib import Path

from katas.harness import catalogue

MARKER = "TODO (new kata)"
SCAFFOLD_TEST = "test_scaffold.py"
RESERVED_FILES = {"__init__.py", "apps.py", "models.py", "admin.py", "tests.py"}
MIN_MISTAKES, MIN_ALTERNATIVES = 3, 2
# Folders of the repository, and the labels of Django's own apps (an app label is unique).
TAKEN_NAMES = {"harness", "cli", "shipped", "katas", "tests", "solutions", "docs"} | {
    "admin",
    "auth",
    "contenttypes",
    "sessions",
    "messages",
    "staticfiles",
    "sites",
}


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


def validate(slug: str, files: list[str], tasks: int) -> None:
    """Raise :class:`Refused` unless ``slug``, ``files`` and ``tasks`` make a new kata."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", slug) or keyword.iskeyword(slug):
        raise Refused(
            f"{slug!r} is not a kata name: use lower case letters, digits and underscores, "
            "starting with a letter (it becomes a Python package and a Django app label)"
        )
    if slug in {kata.slug for kata in catalogue.load()}:
        raise Refused(f"kata {slug!r} is already in {catalogue.CATALOGUE_PATH.name}")
    for where in (catalogue.KATAS_DIR, catalogue.SOLUTIONS_DIR, catalogue.ROOT / "tests"):
        if (where / slug).exists():
            raise Refused(f"{(where / slug).relative_to(catalogue.ROOT)} already exists")
    if slug in TAKEN_NAMES:
        raise Refused(
            f"{slug!r} is taken by the tooling or by a Django app (app labels must be unique)"
        )
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


# --- the scaffold ---------------------------------------------------------------------


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def catalogue_block(slug, title, pattern, files, tasks) -> str:
    lines = [
        "",
        "[[kata]]",
        f"slug = {toml_string(slug)}",
        f"title = {toml_string(title)}",
        f"pattern = {toml_string(pattern)}",
        "files = [" + ", ".join(toml_string(f) for f in files) + "]",
        f"tests = {toml_string('tests/' + slug)}",
    ]
    for number in range(1, tasks + 1):
        lines += [
            "",
            "[[kata.task]]",
            f"title = {toml_string(f'{MARKER}: the title of task {number}')}",
            "hints = [",
            "    "
            + toml_string(
                f"{MARKER}: a question that leads the learner on, with a link to the Django docs."
            )
            + ",",
            "    "
            + toml_string(
                f"{MARKER}: a concrete hint: the call to make, and where it is documented."
            )
            + ",",
            "]",
        ]
    return "\n".join(lines) + "\n"


def writes_tests(files) -> bool:
    """True when the learner files are test modules: the learner writes tests, not code.

    Such a kata's story (its receivers, services...) is given and correct; its tests run
    the learner's tests against it and against broken versions of it
    (``katas/<slug>/broken/<name>/``) with ``tests/learner_tests.py``.
    """
    return all(Path(name).name.startswith("test_") for name in files)


def apps_py(slug, title, files=()) -> str:
    config = "".join(part.title() for part in slug.split("_")) + "Config"
    if writes_tests(files):
        return f"""from katas.harness.apps import KataConfig


class {config}(KataConfig):
    name = "katas.{slug}"

    def ready(self):
        # The learner writes tests (the catalogue's `files`): nothing of theirs runs here.
        # Importing the story's receivers connects them, as in any project.
        from . import receivers  # noqa: F401
"""
    return f"""from katas.harness.apps import KataConfig
from katas.harness.loading import import_learner_modules


class {config}(KataConfig):
    name = "katas.{slug}"

    def ready(self):
        # Importing the learner modules (the catalogue's `files`) connects their receivers.
        import_learner_modules(self)
"""


def models_py() -> str:
    return f"""from django.db import models  # noqa: F401

# {MARKER}: the models the learner is given (the kata's story happens to them), then
#   `DJANGO_SETTINGS_MODULE=katas.settings python -m django makemigrations <slug>`.
#   A kata on a signal that needs no model of its own keeps this file without models.
"""


def learner_file(slug, name, tasks) -> str:
    if writes_tests([name]):
        return learner_test_module(slug, tasks)
    todos = "\n#\n".join(
        f"# TODO (task {n}): {MARKER}: what the learner writes for task {n}, and the imports\n"
        "#   that help (the task's hints say more)."
        for n in range(1, tasks + 1)
    )
    return f'''"""{MARKER}: what this file holds, in one line.

Read README.md beside this file for the story and the tasks.
"""

{todos}
'''


def learner_test_module(slug, tasks) -> str:
    todos = "\n#\n".join(
        f"# TODO (task {n}): {MARKER}: what the learner's tests of task {n} check, and the\n"
        "#   imports that help (never the module whose wiring they check)."
        for n in range(1, tasks + 1)
    )
    return f'''"""{MARKER}: what the learner tests, in one line. In this kata you write tests.

Read README.md beside this file for the story and the tasks. The kata runs these tests
against the story as given (every test must pass) and against broken versions of it
(each must make at least one of your tests fail). Mark each test with its task,
@pytest.mark.task(N): a test without one counts for no task.
"""

import pytest

pytestmark = pytest.mark.django_db

{todos}
'''


def solution_file(slug, name) -> str:
    if writes_tests([name]):
        return (
            f'"""{MARKER}: the reference tests of katas/{slug}/{name}: they pass on the '
            'story and catch every broken version."""\n'
        )
    return f'"""{MARKER}: the reference solution of katas/{slug}/{name}: it passes every test."""\n'


def story_receivers(slug) -> str:
    return f'''"""{MARKER}: the story's receivers (given, correct), connected by ready().

The learner's tests must find them connected and acting. Each folder of
katas/{slug}/broken/ holds a broken copy of the modules it changes (this one, services.py...).
"""
'''


def readme(slug, title, pattern, files, tasks) -> str:
    edit = ", ".join(f"`katas/{slug}/{name}`" for name in files)
    task_lines = "\n".join(
        f"{n}. **{MARKER}: the title of task {n}.** What the tests of task {n} check."
        for n in range(1, tasks + 1)
    )
    return f"""# {title}

*Pattern: {pattern}.*

## The story

{MARKER}: who needs what, the usual tutorial version of the code, and the bug report it
gets. The given models and files, and what the learner writes.

## When the signal fires

```mermaid
sequenceDiagram
    participant Code as {MARKER}
    participant R as your receiver
    Code->>R: the signal, its sender and its arguments
```

## Tasks

Edit {edit}. Run `python -m katas run {slug}` (or `pytest tests/{slug}`).

{task_lines}

## Acceptance criteria

- {MARKER}: what is true when the kata is done, as the tests check it.

## What the best engineers know

- {MARKER}: what Django does here, checked in its source, on every supported version.

## Mistakes people make

Each one is in `solutions/{slug}/mistakes/`, with the message the tests show.

- {MARKER}: one line per mistake: `<name>`. Mistake: <the first line of its docstring>.

Other correct ways to write it are in `solutions/{slug}/alternatives/`.
"""


def kata_tests(slug, tasks, files=()) -> str:
    if writes_tests(files):
        return kata_tests_of_tests(slug, tasks, files)
    placeholders = "\n\n".join(
        f'''@pytest.mark.task({n})
def test_task_{n}():
    pytest.fail(
        "{MARKER}: write the tests of task {n} in tests/{slug}/test_{slug}.py: behaviour, "
        "not names; a message that teaches",
        pytrace=False,
    )'''
        for n in range(1, tasks + 1)
    )
    return f'''"""{MARKER}: what the kata's tests check, in one line."""

import pytest

pytestmark = pytest.mark.django_db


{placeholders}
'''


def kata_tests_of_tests(slug, tasks, files) -> str:
    what = "\n".join(
        f"    {n}: \"{MARKER}: what a test of task {n} checks (reads after 'checks that')\","
        for n in range(1, tasks + 1)
    )
    return f'''"""{MARKER}: what the learner's tests must catch, in one line.

The learner writes tests (katas/{slug}/{files[0]}). Each test here runs them in a
checker child (tests/learner_tests.py): against the story as given, where every one of
them must pass, and against each broken version in katas/{slug}/broken/, where at
least one must fail.
"""

import pytest

from tests.learner_tests import (
    Broken,
    against,
    caught,
    described,
    expect_all_pass,
    expect_tests_for,
    listed,
    params,
    story,
)

WHAT_EACH_TASK_TESTS = {{
{what}
}}

# One Broken per folder of katas/{slug}/broken/ (a broken copy of the story's modules it
# changes), at least one per task, e.g.
# Broken("sends_twice", 1, "a service that sends the signal twice", "counts the sends"),
BROKEN: tuple[Broken, ...] = described("{slug}", ())


@pytest.mark.task(1)
def test_your_tests_pass_against_the_story_as_given(learner_runs):
    run = story(learner_runs)
    expect_tests_for(learner_runs, run, 1, WHAT_EACH_TASK_TESTS[1])

    expect_all_pass(learner_runs, run)


@pytest.mark.parametrize("broken", params(BROKEN))
def test_your_tests_catch_a_broken_story(learner_runs, broken):
    run = story(learner_runs)
    expect_tests_for(learner_runs, run, broken.task, WHAT_EACH_TASK_TESTS[broken.task])
    expect_all_pass(learner_runs, run, "This test needs your tests to pass on the story first: ")

    run = against(learner_runs, broken)

    if not caught(run):
        pytest.fail(
            f"No test of yours notices {{broken.what}}. Against that version all "
            f"{{len(run.tests)}} of your tests passed ({{listed(run.tests)}}). Write a test for "
            f"task {{broken.task}} that {{broken.notice}}.",
            pytrace=False,
        )
'''


def kata_conftest_of_tests(slug) -> str:
    return f'''"""Fixtures of the {slug} kata: the learner's own tests, run in checker children."""

from tests import learner_tests

learner_runs = learner_tests.fixture("{slug}")
'''


def scaffold_test(slug) -> str:
    return f'''"""What is still to do before kata {slug} is done (written by `python -m katas new`).

Each item fails here, so `python -m katas verify {slug}` lists it. When the only item
left is to delete this file, delete it.
"""

import pytest

from katas.cli.new import checklist

TO_DO = checklist("{slug}")


@pytest.mark.task(1)
@pytest.mark.parametrize("item", TO_DO, ids=[f"to_do_{{n}}" for n in range(1, len(TO_DO) + 1)])
def test_still_to_do(item):
    pytest.fail(item, pytrace=False)
'''


def dojo_plan(slug, pattern) -> str:
    return f"""### `{slug}` ({pattern})
- **Time box**: {MARKER}: minutes.
- **First test**: {MARKER}: the first test's name, exactly.
- **Pitfalls**: {MARKER}: the mistakes of the gallery, in a few words each.
- **Discuss**: {MARKER}: questions for the group once the kata is green.
"""


def scaffold(slug, title, pattern, files, tasks) -> list[Path]:
    """Write every file of a new kata and its catalogue block; return the files written."""
    root = catalogue.ROOT
    written: dict[Path, str] = {
        root / "katas" / slug / "__init__.py": "",
        root / "katas" / slug / "apps.py": apps_py(slug, title, files),
        root / "katas" / slug / "models.py": models_py(),
        root / "katas" / slug / "migrations" / "__init__.py": "",
        root / "katas" / slug / "README.md": readme(slug, title, pattern, files, tasks),
        root / "tests" / slug / "__init__.py": "",
        root / "tests" / slug / f"test_{slug}.py": kata_tests(slug, tasks, files),
        root / "tests" / slug / SCAFFOLD_TEST: scaffold_test(slug),
        root / "docs" / "plans" / f"{slug}.md": dojo_plan(slug, pattern),
    }
    if writes_tests(files):
        written[root / "katas" / slug / "receivers.py"] = story_receivers(slug)
        written[root / "tests" / slug / "conftest.py"] = kata_conftest_of_tests(slug)
    for name in files:
        written[root / "katas" / slug / name] = learner_file(slug, name, tasks)
        written[root / "solutions" / slug / name] = solution_file(slug, name)
    for path, text in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name in files:
        # A learner file in a subfolder (e.g. services/orders.py) needs its package.
        package = (root / "katas" / slug / name).parent
        if not (package / "__init__.py").exists():
            (package / "__init__.py").write_text("", encoding="utf-8")
            written[package / "__init__.py"] = ""
    with catalogue.CATALOGUE_PATH.open("a", encoding="utf-8") as handle:
        handle.write(catalogue_block(slug, title, pattern, files, tasks))
    catalogue.load.cache_clear()
    from katas.harness.ship import ship

    ship([slug])
    return sorted(written)


# --- the checklist ----------------------------------------------------------------------


def _shown(path: Path) -> str:
    return path.relative_to(catalogue.ROOT).as_posix()


def _defines_models(path: Path) -> bool:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return False
    return any(isinstance(node, ast.ClassDef) and node.bases for node in tree.body)


def _docstring(path: Path) -> str:
    try:
        return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    except (OSError, SyntaxError):
        return ""


def _readme_items(kata) -> list[str]:
    path = kata.readme
    if not path.is_file():
        return [f"{_shown(path)}: write it (python -m katas new writes a template)"]
    text = path.read_text(encoding="utf-8")
    found = []
    shown = _shown(path)
    if text.splitlines()[:1] != [f"# {kata.title}"]:
        found.append(f"{shown}: its first line must be `# {kata.title}` (the catalogue's title)")
    if not re.search(r"^\*Pattern: ", text, re.M):
        found.append(f"{shown}: add the pattern line, `*Pattern: ...*`, under the title")
    diagram = re.search(r"```mermaid\n(.*?)```", text, re.S)
    if not diagram:
        found.append(f"{shown}: add a Mermaid sequence diagram of when the signal fires")
    elif any(
        set(line.split(":", 1)[1]) & {";", "#"}
        for line in diagram.group(1).splitlines()
        if ":" in line and ("->" in line or line.strip().lower().startswith("note"))
    ):
        # A sequence diagram's message (or note) text ends at `;` or `#`: the rest is an error.
        found.append(f"{shown}: a diagram message holds `;` or `#`, which end its text early")
    for heading in (
        "## Tasks",
        "## Acceptance criteria",
        "## What the best",
        "## Mistakes people make",
    ):
        if not re.search(rf"^{re.escape(heading)}", text, re.M):
            found.append(f"{shown}: add the section `{heading}`")
    tasks = re.search(r"^## Tasks\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    items = re.findall(r"^(\d+)\. (.*)$", tasks.group(1), re.M) if tasks else []
    if tasks and len(items) != len(kata.tasks):
        found.append(
            f"{shown}: `## Tasks` numbers {len(items)} task(s); the catalogue has "
            f"{len(kata.tasks)}: one numbered item per task, in order"
        )
    for (number, line), task in zip(items, kata.tasks, strict=False):
        if task.title not in line and MARKER not in task.title:
            found.append(
                f"{shown}: task {number} should name the catalogue's title, {task.title!r}"
            )
    mistakes = kata.solution_directory / "mistakes"
    for entry in sorted(p for p in mistakes.glob("*") if p.is_dir()):
        if f"`{entry.name}`" not in text:
            found.append(
                f"{shown}: list the mistake `{entry.name}` under `## Mistakes people make`"
            )
    return found


def _story_items(kata) -> list[str]:
    """What a kata whose learner writes tests still needs: its story, and broken versions."""
    from katas.harness.nested import broken_versions
    from katas.harness.rules import own_files

    learner = set(kata.learner_paths())
    found = [
        f"{_shown(path)}: write the story's code (given and correct: the learner tests it)"
        for path in own_files(kata)
        if path not in learner and MARKER in path.read_text(encoding="utf-8")
    ]
    count = len(broken_versions(kata))
    if count < len(kata.tasks):
        found.append(
            f"katas/{kata.slug}/broken/: {count} broken version(s); write at least one per task "
            "(a folder each, holding a broken copy of the story modules it changes), and "
            f"describe each in BROKEN in tests/{kata.slug}/test_{kata.slug}.py"
        )
    return found


def _gallery_items(kata) -> list[str]:
    found = []
    for kind, least, first_word in (
        ("mistakes", MIN_MISTAKES, "Mistake: "),
        ("alternatives", MIN_ALTERNATIVES, "Alternative: "),
    ):
        folder = kata.solution_directory / kind
        entries = sorted(p for p in folder.glob("*") if p.is_dir() and p.name != "__pycache__")
        if len(entries) < least:
            found.append(
                f"solutions/{kata.slug}/{kind}/: {len(entries)} of at least {least} entries "
                f"(a folder of learner files each; see CONTRIBUTING.md)"
            )
        for entry in entries:
            present = [entry / name for name in kata.files if (entry / name).is_file()]
            if not present:
                found.append(f"{_shown(entry)}: holds none of the learner files {list(kata.files)}")
                continue
            doc = _docstring(present[0])
            if not doc.startswith(first_word):
                found.append(
                    f"{_shown(present[0])}: its docstring must start `{first_word}<one line>`"
                )
            if kind == "mistakes" and "Expected message: " not in doc:
                found.append(
                    f"{_shown(present[0])}: add `Expected message: <text a failing test shows>`"
                )
    return found


def checklist(slug: str) -> list[str]:
    """Return what is still to do before kata ``slug`` is complete, one sentence each."""
    kata = catalogue.by_slug().get(slug)
    if kata is None:
        return [f"{catalogue.CATALOGUE_PATH.name}: add a [[kata]] block for {slug!r}"]
    root = catalogue.ROOT
    found = []
    if MARKER in kata.title or MARKER in kata.pattern:
        found.append(f"katas/catalogue.toml: give kata {slug!r} its title and pattern")
    for task in kata.tasks:
        if MARKER in task.title or any(MARKER in hint for hint in task.hints):
            found.append(
                f"katas/catalogue.toml: write the title and hints of task {task.number} of "
                f"{slug!r} (questions first, then concrete hints with Django docs links)"
            )
    models = kata.directory / "models.py"
    if models.is_file():
        if MARKER in models.read_text(encoding="utf-8"):
            found.append(f"{_shown(models)}: write the given models (or remove the {MARKER} note)")
        migrations = kata.directory / "migrations"
        if _defines_models(models) and not list(migrations.glob("0001_*.py")):
            found.append(
                f"katas/{slug}/migrations/: generate 0001_initial.py: "
                f"DJANGO_SETTINGS_MODULE=katas.settings python -m django makemigrations {slug}"
            )
    learner_text = ""
    for learner, solution in zip(kata.learner_paths(), kata.solution_paths(), strict=True):
        if learner.is_file():
            text = learner.read_text(encoding="utf-8")
            learner_text += text
            if MARKER in text:
                found.append(f"{_shown(learner)}: write the learner's starting file (its TODOs)")
        if solution.is_file() and MARKER in solution.read_text(encoding="utf-8"):
            found.append(f"{_shown(solution)}: write the reference solution")
    for task in kata.tasks:
        if f"TODO (task {task.number})" not in learner_text:
            found.append(
                f"katas/{slug}/: a learner file needs a `# TODO (task {task.number}): ...` line"
            )
    if writes_tests(kata.files):
        found += _story_items(kata)
    found += _readme_items(kata)
    if kata.readme.is_file() and MARKER in kata.readme.read_text(encoding="utf-8"):
        found.append(f"{_shown(kata.readme)}: replace every {MARKER} placeholder")
    tests = kata.tests_path
    # Placeholder tests say themselves what to write: they fail on the solution.
    found += _gallery_items(kata)
    plan = root / "docs" / "plans" / f"{slug}.md"
    dojo = root / "docs" / "dojo.md"
    in_dojo = dojo.is_file() and f"### {slug}\n" in dojo.read_text(encoding="utf-8")
    if not in_dojo and (not plan.is_file() or MARKER in plan.read_text(encoding="utf-8")):
        found.append(f"docs/plans/{slug}.md: write the dojo plan (first test, pitfalls, questions)")
    table = root / "README.md"
    if not table.is_file() or f"`{slug}`" not in table.read_text(encoding="utf-8"):
        found.append(f"README.md: add the kata's row to the table of katas (`{slug}`)")
    if (tests / SCAFFOLD_TEST).is_file():
        found.append(
            f"tests/{slug}/{SCAFFOLD_TEST}: delete this checklist once it lists nothing else"
        )
    return found


# --- the command --------------------------------------------------------------------------


def run(args) -> int:
    if args.check:
        if args.slug not in catalogue.by_slug():
            print(f"new: no kata {args.slug!r} in the catalogue", file=sys.stderr)
            return 2
        kata = catalogue.by_slug()[args.slug]
        to_do = [item for item in checklist(args.slug) if SCAFFOLD_TEST not in item]
        to_do += [
            f"{_shown(path)}: replace the placeholder tests with the kata's tests"
            for path in sorted(kata.tests_path.glob("test_*.py"))
            if path.name != SCAFFOLD_TEST and MARKER in path.read_text(encoding="utf-8")
        ]
        for item in to_do:
            print(f"- {item}")
        print(
            f"new: {len(to_do)} thing(s) to do for {args.slug}" if to_do else "new: nothing to do"
        )
        return 1 if to_do else 0
    try:
        validate(args.slug, args.files, args.tasks)
    except Refused as error:
        print(f"new: {error}", file=sys.stderr)
        return 2
    for given in (args.title, args.pattern):
        if given is not None and (not given.strip() or "\n" in given):
            print(f"new: {given!r}: a title or pattern is one line of text", file=sys.stderr)
            return 2
    title = args.title or f"{MARKER}: the title of {args.slug}"
    pattern = args.pattern or f"{MARKER}: the pattern {args.slug} teaches"
    written = scaffold(args.slug, title, pattern, args.files, args.tasks)
    print(f"\nnew: scaffolded kata {args.slug!r} ({len(written)} files), last in the catalogue:")
    for path in written:
        print(f"  {_shown(path)}")
    print("\nStill to do (`python -m katas verify " + args.slug + "` lists these until done):")
    for item in checklist(args.slug):
        print(f"- {item}")
    print("\nSee CONTRIBUTING.md for how a kata is made and reviewed.")
    return 0
