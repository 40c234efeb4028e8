"""The course's rules, in one place: what a kata must be, and what a verdict means.

Every tool that judges asks this module: ``katas new`` and ``verify`` for the
shape of a kata (its files, a ``TODO (task N)`` per task, a described gallery, a
README that names every mistake), the report for "task done" and "fails by an
assertion", the loader and the tests' helpers for which modules and frames are the
learner's. A rule is a small function named for what it requires; one that checks
a kata returns its problems as sentences (what is wrong, what to do), empty when
all is well. :func:`problems` runs them all.

The shipped course is judged as shipped: the rules read a kata's learner files from
its shipped copies (``katas/harness/shipped/``, what ``katas reset`` restores),
never from the working tree, where a learner's own work lives.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from katas.harness import catalogue

# --- Which code is the learner's ---------------------------------------------------

# Modules of a kata's package that the course gives and Django imports at start-up;
# every other top-level module of the package is the learner's or the story's, and is
# always loaded fresh from its source.
GIVEN_MODULES = ("__init__", "apps", "models")

HARNESS_DIR = Path(__file__).resolve().parent


def module_name(kata: catalogue.Kata, filename: str) -> str:
    """Return the dotted name a learner file is imported as: ``katas.<slug>.<file>``."""
    return f"{kata.module}.{filename.removesuffix('.py').replace('/', '.')}"


def learner_modules(katas=None) -> set[str]:
    """Return the dotted names of every learner module of ``katas`` (default: all)."""
    katas = catalogue.load() if katas is None else katas
    return {module_name(kata, name) for kata in katas for name in kata.files}


def own_files(kata: catalogue.Kata, directory: Path | None = None) -> list[Path]:
    """Return the kata's own modules in ``directory`` (default: the kata's folder).

    Those are the top-level ``.py`` files that are not given modules: the learner
    files, the story's helpers (``signals.py``, ``tasks.py``) and any module a
    learner adds. A check loads them fresh and keys its verdict on them.
    """
    directory = kata.directory if directory is None else directory
    if not directory.is_dir():
        return []
    return sorted(
        path
        for path in directory.glob("*.py")
        if path.stem not in GIVEN_MODULES and path.is_file() and path.stem.isidentifier()
    )


def is_learner_frame(filename: str) -> bool:
    """True for a frame in a kata's or a solution's own code (not Django's, not the harness's)."""
    path = Path(filename)
    if not path.is_absolute() or HARNESS_DIR in path.parents:
        return False
    return catalogue.KATAS_DIR in path.parents or catalogue.SOLUTIONS_DIR in path.parents


# --- What a verdict means ----------------------------------------------------------

# A failure a learner can read: an assertion, or the harness's own pytest.fail().
TEACHING_FAILURES = frozenset({"AssertionError", "Failed"})


def fails_by_assertion(exception: str | None) -> bool:
    """True when a test failed with an exception that teaches (an assertion)."""
    return exception in TEACHING_FAILURES


def task_done(outcomes: list[str]) -> bool:
    """True when a task's tests ran and every one passed (a skipped test never counts)."""
    return bool(outcomes) and all(outcome == "passed" for outcome in outcomes)


# --- What a kata must be -----------------------------------------------------------

# What `katas new` writes where a maintainer has still to write (a task title, a hint).
SCAFFOLD_MARKER = "TODO (new kata)"

# Folders of katas/ that are tooling, not katas.
TOOLING = {"harness", "cli", "dojo", "static", "templates", "__pycache__"}
GALLERY = ("mistakes", "alternatives")
MIN_MISTAKES, MIN_ALTERNATIVES = 3, 2
# Test folders that are not a kata's: the harness's own, and the maintainers' extra suites.
OTHER_TESTS = {"harness", "services", "browser", "__pycache__"}


def _shown(path: Path) -> str:
    return path.relative_to(catalogue.ROOT).as_posix()


def shipped_texts(kata: catalogue.Kata) -> dict[Path, str]:
    """Return each shipped learner file's text, by its shipped path (missing ones left out)."""
    return {p: p.read_text(encoding="utf-8") for p in kata.shipped_paths() if p.is_file()}


def kata_files_exist(kata) -> list[str]:
    """The app's given files, the shipped learner files and the tests are where they belong."""
    found = [
        f"katas/{kata.slug}/{name} is missing"
        for name in ("__init__.py", "apps.py", "models.py", "README.md")
        if not (kata.directory / name).is_file()
    ]
    found += [
        f"no shipped copy {_shown(p)} (what the kata ships, and what reset restores)"
        for p in kata.shipped_paths()
        if not p.is_file()
    ]
    if not kata.tests_path.is_dir():
        found.append(f"tests path {kata.tests} does not exist")
    return found


def every_task_has_a_todo(kata) -> list[str]:
    """Each shipped learner file holds a TODO; each task has a ``TODO (task N)`` in one."""
    texts = shipped_texts(kata)
    found = [f"shipped file {_shown(p)} holds no TODO" for p, t in texts.items() if "TODO" not in t]
    everything = "\n".join(texts.values())
    for task in kata.tasks:
        if not re.search(rf"TODO \(task {task.number}\)", everything):
            found.append(
                f"task {task.number} ({task.title}) has no `TODO (task {task.number})` "
                "in a shipped learner file"
            )
    return found


def every_learner_file_has_a_solution(kata) -> list[str]:
    """Each learner file has a reference twin, and solutions/<slug>/ holds nothing else."""
    found = [
        f"{kata.files[i]} of {kata.slug} has no solution twin {_shown(solution)}"
        for i, solution in enumerate(kata.solution_paths())
        if not solution.is_file()
    ]
    if kata.solution_directory.is_dir():
        for path in sorted(kata.solution_directory.rglob("*")):
            name = path.relative_to(kata.solution_directory).as_posix()
            if name.split("/")[0] in GALLERY or "__pycache__" in name or not path.is_file():
                continue
            if name not in kata.files:
                found.append(
                    f"solutions/{kata.slug}/{name} is not a learner file in the catalogue "
                    "(solutions hold twins of learner files, and the gallery)"
                )
    return found


def gallery_entries_are_described(kata) -> list[str]:
    """Each gallery entry holds learner files only, and its first file's docstring says what it is.

    A mistake's docstring starts ``Mistake: ...`` and has an ``Expected message: ...``
    line; an alternative's starts ``Alternative: ...``.
    """
    found = []
    for kind, entry in gallery(kata):
        where = _shown(entry)
        stray = [p.name for p in entry.iterdir() if p.name not in kata.files + ("__pycache__",)]
        if stray:
            found.append(f"{where} holds {', '.join(stray)}, which are not learner files")
        info = describe_entry(kata, entry)
        if info is None:
            found.append(f"{where} holds none of the learner files {', '.join(kata.files)}")
            continue
        word = "Mistake" if kind == "mistakes" else "Alternative"
        if not info["summary"].startswith(f"{word}: "):
            found.append(f"{where}: the docstring must start with '{word}: <one line>'")
        if kind == "mistakes" and not info["expected"]:
            found.append(f"{where}: the docstring needs an 'Expected message: <fragment>' line")
    return found


def gallery_is_full_and_listed(kata) -> list[str]:
    """The gallery holds enough mistakes and alternatives, and the README names each mistake."""
    entries = list(gallery(kata))
    mistakes = [e for kind, e in entries if kind == "mistakes"]
    alternatives = [e for kind, e in entries if kind == "alternatives"]
    found = []
    if len(mistakes) < MIN_MISTAKES:
        found.append(
            f"solutions/{kata.slug}/mistakes/ holds {len(mistakes)} mistakes; "
            f"a kata needs at least {MIN_MISTAKES}"
        )
    if len(alternatives) < MIN_ALTERNATIVES:
        found.append(
            f"solutions/{kata.slug}/alternatives/ holds {len(alternatives)} alternatives; "
            f"a kata needs at least {MIN_ALTERNATIVES}"
        )
    readme = kata.readme.read_text(encoding="utf-8") if kata.readme.is_file() else ""
    found += [
        f"katas/{kata.slug}/README.md does not name the mistake {entry.name!r} under its pitfalls"
        for entry in mistakes
        if entry.name not in readme
    ]
    return found


def kata_conftests_import_no_learner_module(kata) -> list[str]:
    """A kata's conftest.py never imports a learner module.

    Plain ``pytest`` loads conftests in its own process, where no learner code may
    run (the checker's children run it, within limits).
    """
    found = []
    learner = {module_name(kata, name) for name in kata.files}
    for conftest in sorted(kata.tests_path.rglob("conftest.py")):
        try:
            tree = ast.parse(conftest.read_text(encoding="utf-8"))
        except SyntaxError as error:
            found.append(f"{_shown(conftest)} does not parse: {error}")
            continue
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            hit = sorted(set(names) & learner)
            if hit and node.col_offset == 0:
                found.append(
                    f"{_shown(conftest)} imports the learner module {hit[0]} at its top; "
                    "import it inside the fixture that needs it"
                )
    return found


def readme_has_the_course_shape(kata) -> list[str]:
    """The README has the course's shape: title, pattern, diagram, one numbered item a task.

    (Naming every mistake is :func:`gallery_is_full_and_listed`; its gallery sections,
    :func:`readme_keeps_the_gallery_layout`; other sections vary by kata.)
    """
    path, found = kata.readme, []
    if not path.is_file():
        return []  # rules.kata_files_exist says so
    text, shown = path.read_text(encoding="utf-8"), _shown(path)
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
    for heading in ("## Tasks", "## Acceptance criteria"):
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
        if task.title not in line.replace("`", "") and SCAFFOLD_MARKER not in task.title:
            found.append(
                f"{shown}: task {number} should name the catalogue's title, {task.title!r}"
            )
    return found


def readme_keeps_the_gallery_layout(kata) -> list[str]:
    """The README ends with the gallery's two sections, in the one layout (readme_layout.py)."""
    from katas.harness.readme_layout import readme_gallery_layout

    return readme_gallery_layout(kata)


CHECKS = (
    kata_files_exist,
    every_task_has_a_todo,
    every_learner_file_has_a_solution,
    gallery_entries_are_described,
    gallery_is_full_and_listed,
    kata_conftests_import_no_learner_module,
    readme_has_the_course_shape,
    readme_keeps_the_gallery_layout,
)


def gallery(kata):
    """Yield ``(kind, folder)`` for each entry of ``kata``'s gallery, mistakes first."""
    for kind in GALLERY:
        folder = kata.solution_directory / kind
        if folder.is_dir():
            for entry in sorted(folder.iterdir()):
                if entry.is_dir() and entry.name != "__pycache__":
                    yield kind, entry


def describe_entry(kata, entry) -> dict | None:
    """Return a gallery entry's ``summary`` line, ``text`` and ``expected`` message fragment.

    They come from the first of its learner files (in catalogue order) with a docstring.
    None when the entry holds no learner file.
    """
    files = [entry / n for n in kata.files if (entry / n).is_file()]
    if not files:
        return None
    text = ""
    for path in files:
        try:
            text = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        except SyntaxError:
            text = ""
        if text:
            break
    expected = ""
    for line in text.splitlines():
        if line.startswith("Expected message:"):
            expected = line.removeprefix("Expected message:").strip()
    return {"summary": text.splitlines()[0] if text else "", "text": text, "expected": expected}


def stray_folders(katas) -> list[str]:
    """Every kata, solution and test folder belongs to a kata of the catalogue."""
    found = []
    listed = {kata.slug for kata in katas}
    for directory in sorted(catalogue.KATAS_DIR.iterdir()):
        if directory.is_dir() and directory.name not in TOOLING | listed:
            found.append(f"katas/{directory.name}/ is not in the catalogue")
    if catalogue.SOLUTIONS_DIR.is_dir():
        for directory in sorted(catalogue.SOLUTIONS_DIR.iterdir()):
            if directory.is_dir() and directory.name not in listed | {"__pycache__"}:
                found.append(f"solutions/{directory.name}/ is not in the catalogue")
    kata_tests = {kata.tests_path for kata in katas}
    for directory in sorted((catalogue.ROOT / "tests").iterdir()):
        if directory.is_dir() and directory.name.startswith(("_", ".")):
            continue
        if directory.is_dir() and directory not in kata_tests and directory.name not in OTHER_TESTS:
            found.append(f"tests/{directory.name}/ belongs to no kata in the catalogue")
    return found


def problems(katas=None) -> list[str]:
    """Return every breach of the course's rules, as sentences; empty when all is well."""
    katas = catalogue.load() if katas is None else katas
    found = []
    for kata in katas:
        found += [f"kata {kata.slug!r}: {p}" for check in CHECKS for p in check(kata)]
    return found + stray_folders(catalogue.load())


# --- What plain pytest on the shipped katas must show ------------------------------


def learner_view_problems(run, unavailable=()) -> list[str]:
    """Return why ``run`` is not a learner's first view (every kata test fails, none errors).

    ``unavailable`` names the katas this Django cannot run: their tests are skipped
    instead. ``.ci/expect_red.py`` calls this on ``pytest`` of the shipped katas.
    """
    if run is None:
        return ["pytest wrote no report"]
    found = [f"could not collect: {error[-300:]}" for error in run.collection_errors]
    if run.exitstatus != 1:
        found.append(f"pytest exited {run.exitstatus}, not 1 (tests failed)")
    if not any(t.outcome == "failed" for t in run.tests):
        found.append("no kata test failed")
    found += [
        f"{t.nodeid} {t.outcome}, not failed"
        for t in run.tests
        if t.outcome != "failed" and not (t.outcome == "skipped" and t.kata in unavailable)
    ]
    found += [
        f"{t.nodeid} failed with {t.exception}, not by an assertion: {t.message[:200]}"
        for t in run.tests
        if t.outcome == "failed" and not fails_by_assertion(t.exception)
    ]
    return found
