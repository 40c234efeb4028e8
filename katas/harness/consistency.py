"""Check that the catalogue and the files on disk tell the same story."""

from __future__ import annotations

from katas.harness import catalogue

# Folders of katas/ that are tooling, not katas.
TOOLING = {"harness", "cli", "__pycache__"}


def problems(katas=None) -> list[str]:
    """Return every breach of the catalogue's contract, as sentences; empty when all is well."""
    katas = catalogue.load() if katas is None else katas
    found = []
    listed = {kata.slug for kata in katas}
    for kata in katas:
        where = f"kata {kata.slug!r}"
        for required in ("__init__.py", "apps.py", "models.py", "README.md"):
            if not (kata.directory / required).is_file():
                found.append(f"{where}: katas/{kata.slug}/{required} is missing")
        for learner, solution in zip(kata.learner_paths(), kata.solution_paths(), strict=True):
            shown = learner.relative_to(catalogue.ROOT)
            if not learner.is_file():
                found.append(f"{where}: learner file {shown} is missing")
            elif "TODO" not in learner.read_text(encoding="utf-8"):
                found.append(f"{where}: learner file {shown} holds no TODO for the learner")
            if not solution.is_file():
                found.append(
                    f"{where}: {shown} has no solution twin {solution.relative_to(catalogue.ROOT)}"
                )
        found.extend(f"{where}: {problem}" for problem in shipped_problems(kata))
        if not kata.tests_path.is_dir():
            found.append(f"{where}: tests path {kata.tests} does not exist")
        if kata.solution_directory.is_dir():
            for path in sorted(kata.solution_directory.rglob("*")):
                name = path.relative_to(kata.solution_directory).as_posix()
                if name.split("/")[0] in ("mistakes", "alternatives"):
                    continue  # the gallery: checked by verify, entry by entry
                if path.is_file() and "__pycache__" not in name and name not in kata.files:
                    found.append(
                        f"{where}: solutions/{kata.slug}/{name} is not a learner file "
                        "in the catalogue (solutions hold twins of learner files only)"
                    )
    for directory in sorted(catalogue.KATAS_DIR.iterdir()):
        if directory.is_dir() and directory.name not in TOOLING and directory.name not in listed:
            found.append(f"katas/{directory.name}/ is not in the catalogue")
    if catalogue.SOLUTIONS_DIR.is_dir():
        for directory in sorted(catalogue.SOLUTIONS_DIR.iterdir()):
            if directory.is_dir() and directory.name not in listed | {"__pycache__"}:
                found.append(f"solutions/{directory.name}/ is not in the catalogue")
    tests_dir = catalogue.ROOT / "tests"
    kata_tests = {kata.tests_path for kata in katas}
    for directory in sorted(tests_dir.iterdir()):
        if (
            directory.is_dir()
            and directory.name not in ("harness", "services", "__pycache__")
            and directory not in kata_tests
        ):
            found.append(f"tests/{directory.name}/ belongs to no kata in the catalogue")
    return found


def shipped_problems(kata) -> list[str]:
    """Return how the kata's shipped copies differ from its learner files; empty when they match.

    `katas reset` restores learner files from these copies rather than from git, so it
    works in a download without history. In a clean checkout (CI, a maintainer's tree)
    each copy must equal its learner file byte for byte; a learner's edited tree breaks
    this on purpose, which is why only maintainers' checks (verify, the harness tests) call it.
    """
    found = []
    for learner, shipped in zip(kata.learner_paths(), kata.shipped_paths(), strict=True):
        copy = shipped.relative_to(catalogue.ROOT)
        if not shipped.is_file():
            found.append(f"no shipped copy {copy} (reset restores from it)")
        elif learner.is_file() and learner.read_bytes() != shipped.read_bytes():
            found.append(
                f"{learner.relative_to(catalogue.ROOT)} differs from its shipped copy {copy}; "
                f"after changing the kata, run `python -m katas.harness.ship {kata.slug}`"
            )
    return found
