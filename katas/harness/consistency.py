"""Check that the catalogue and the files on disk tell the same story.

Each check is a small function named for what it requires; :func:`problems` runs
them all. A problem is a sentence that says what is wrong and what to do.
"""

from __future__ import annotations

import ast
import re

from katas.harness import catalogue

# Folders of katas/ that are tooling, not katas.
TOOLING = {"harness", "cli", "dojo", "static", "templates", "__pycache__"}
GALLERY = ("mistakes", "alternatives")


def _shown(path) -> str:
    return path.relative_to(catalogue.ROOT).as_posix()


def kata_files_exist(kata) -> list[str]:
    """The app's given files, the learner files and the tests are where the catalogue says."""
    found = [
        f"katas/{kata.slug}/{name} is missing"
        for name in ("__init__.py", "apps.py", "models.py", "README.md")
        if not (kata.directory / name).is_file()
    ]
    found += [
        f"learner file {_shown(p)} is missing" for p in kata.learner_paths() if not p.is_file()
    ]
    if not kata.tests_path.is_dir():
        found.append(f"tests path {kata.tests} does not exist")
    return found


def every_task_has_a_todo(kata) -> list[str]:
    """Each learner file holds a TODO; each task has a ``TODO (task N)`` in a learner file."""
    texts = {p: p.read_text(encoding="utf-8") for p in kata.learner_paths() if p.is_file()}
    found = [f"learner file {_shown(p)} holds no TODO" for p, t in texts.items() if "TODO" not in t]
    everything = "\n".join(texts.values())
    for task in kata.tasks:
        if not re.search(rf"TODO \(task {task.number}\)", everything):
            found.append(
                f"task {task.number} ({task.title}) has no `TODO (task {task.number})` "
                "in a learner file"
            )
    return found


def every_learner_file_has_a_solution(kata) -> list[str]:
    """Each learner file has a reference twin, and solutions/<slug>/ holds nothing else."""
    found = [
        f"{_shown(learner)} has no solution twin {_shown(solution)}"
        for learner, solution in zip(kata.learner_paths(), kata.solution_paths(), strict=True)
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


def shipped_copies_match(kata) -> list[str]:
    """Each learner file equals its shipped copy (what `katas reset` restores).

    In a clean checkout (CI, a maintainer's tree) each copy must equal its learner
    file byte for byte; a learner's edited tree breaks this on purpose, which is why
    only maintainers' checks (verify, the harness tests) run it.
    """
    found = []
    for learner, shipped in zip(kata.learner_paths(), kata.shipped_paths(), strict=True):
        if not shipped.is_file():
            found.append(f"no shipped copy {_shown(shipped)} (reset restores from it)")
        elif learner.is_file() and learner.read_bytes() != shipped.read_bytes():
            found.append(
                f"{_shown(learner)} differs from its shipped copy {_shown(shipped)}; "
                f"after changing the kata, run `python -m katas.harness.ship {kata.slug}`"
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


MIN_MISTAKES, MIN_ALTERNATIVES = 3, 2


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


CHECKS = (
    kata_files_exist,
    every_task_has_a_todo,
    every_learner_file_has_a_solution,
    shipped_copies_match,
    gallery_entries_are_described,
    gallery_is_full_and_listed,
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


# Test folders that are not a kata's: the harness's own, and the maintainers' extra suites.
OTHER_TESTS = {"harness", "services", "browser", "__pycache__"}


def problems(katas=None) -> list[str]:
    """Return every breach of the catalogue's contract, as sentences; empty when all is well."""
    katas = catalogue.load() if katas is None else katas
    found = []
    for kata in katas:
        found += [f"kata {kata.slug!r}: {p}" for check in CHECKS for p in check(kata)]
    return found + stray_folders(catalogue.load())


def shipped_problems(kata) -> list[str]:
    """Return how the kata's shipped copies differ from its learner files (kept for reset)."""
    return shipped_copies_match(kata)
