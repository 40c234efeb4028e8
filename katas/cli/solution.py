"""`python -m katas solution KATA`: the reference solution, the mistakes people make, and the
other correct solutions, each with what it teaches.

The reference comes first, as plain code (``--diff`` shows it as a diff against your
files instead); then each mistake of the gallery with its note (what is wrong, why
people write it) and the message of the test that catches it; then each alternative
with why it is right too. It is a spoiler: the command asks first (``--yes`` skips).
"""

from __future__ import annotations

import difflib
import os
import sys

from katas.cli import ask, lookup
from katas.harness import catalogue
from katas.harness import rules as gallery_rules

RULE = "─" * 78


def add_arguments(parser):
    lookup.add_argument(parser)
    parser.add_argument("--yes", action="store_true", help="skip the spoiler question")
    parser.add_argument(
        "--diff",
        action="store_true",
        help="show the reference as a diff against your files, instead of plain code",
    )


def _shown(path) -> str:
    return path.relative_to(catalogue.ROOT).as_posix()


def diff(kata: catalogue.Kata) -> str:
    """Return a unified diff from the learner's files to the reference solution."""
    chunks = []
    for mine, theirs in zip(kata.learner_paths(), kata.solution_paths(), strict=True):
        before = mine.read_text(encoding="utf-8").splitlines(keepends=True) if mine.exists() else []
        after = theirs.read_text(encoding="utf-8").splitlines(keepends=True)
        chunks.extend(
            difflib.unified_diff(
                before,
                after,
                fromfile=_shown(mine) + " (yours)",
                tofile=_shown(theirs) + " (reference)",
            )
        )
    return "".join(chunks)


def reference(kata: catalogue.Kata) -> list[tuple[str, str]]:
    """Return ``(path, code)`` of each reference file, in the order a learner reads them."""
    return [(_shown(path), path.read_text(encoding="utf-8")) for path in kata.solution_paths()]


def note(kata: catalogue.Kata, entry) -> dict:
    """What a gallery entry teaches, from the docstring of its first learner file.

    ``summary`` is its first line without "Mistake: " or "Alternative: "; ``body`` the
    rest, without the ``Expected message:`` line; ``expected`` that line's fragment;
    ``files`` the learner files the entry holds (the others are the reference's).
    """
    info = gallery_rules.describe_entry(kata, entry) or {"summary": "", "text": "", "expected": ""}
    summary = info["summary"]
    for prefix in ("Mistake: ", "Alternative: "):
        summary = summary.removeprefix(prefix)
    lines = info["text"].splitlines()[1:]
    body = "\n".join(line for line in lines if not line.startswith("Expected message:")).strip()
    return {
        "summary": summary,
        "body": body,
        "expected": info["expected"],
        "files": [name for name in kata.files if (entry / name).is_file()],
    }


def _indented(text: str, prefix: str = "   ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def gallery(kata: catalogue.Kata) -> str:
    """Return the mistakes (each with its note and message) and the alternatives, as text."""
    entries = list(gallery_rules.gallery(kata))
    mistakes = [entry for kind, entry in entries if kind == "mistakes"]
    alternatives = [entry for kind, entry in entries if kind == "alternatives"]
    parts = []
    if mistakes:
        parts.append(
            f"{RULE}\nMistakes people make in {kata.slug}: {len(mistakes)} wrong solutions. The "
            "tests reject each one;\nhere is what is wrong with it, why people write it, and "
            "what the tests say.\n"
        )
        for number, entry in enumerate(mistakes, 1):
            told = note(kata, entry)
            text = [f"{number}. {entry.name}: {told['summary']}"]
            if told["body"]:
                text.append(_indented(told["body"]))
            if told["expected"]:
                text.append(f"   The tests say: “…{told['expected']}…”")
            text.append(
                f"   Its code: {_shown(entry)}/ ({', '.join(told['files'])}); run it with\n"
                f"   pytest {kata.tests} --katas-target={_shown(entry)}"
            )
            parts.append("\n".join(text) + "\n")
    if alternatives:
        parts.append(
            f"{RULE}\nOther correct solutions: {len(alternatives)}. The tests accept each one, "
            "for the reason given.\n"
        )
        for number, entry in enumerate(alternatives, 1):
            told = note(kata, entry)
            text = [f"{number}. {entry.name}: {told['summary']}"]
            if told["body"]:
                text.append(_indented(told["body"]))
            text.append(f"   Its code: {_shown(entry)}/ ({', '.join(told['files'])})")
            parts.append("\n".join(text) + "\n")
    return "\n".join(parts)


def _print_code(path: str, code: str, colour: bool) -> None:
    print(f"{RULE}\n{path}\n{RULE}")
    if colour:
        from rich.console import Console
        from rich.syntax import Syntax

        Console().print(Syntax(code, "python", theme="ansi_dark"))
    else:
        print(code, end="" if code.endswith("\n") else "\n")


def _print_diff(text: str, colour: bool) -> None:
    if not text:
        print("Your files are the reference solution, to the letter.")
    elif colour:
        from rich.console import Console
        from rich.syntax import Syntax

        Console().print(Syntax(text, "diff", theme="ansi_dark"))
    else:
        print(text, end="")


def run(args) -> int:
    try:
        return _run(args)
    except BrokenPipeError:  # the reader closed the pipe (`| head`, `less` quit): fine
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return 0


def _run(args) -> int:
    kata = lookup.find(args.kata)
    missing = [p for p in kata.solution_paths() if not p.is_file()]
    if missing:
        print(
            f"solution: {_shown(missing[0])} is missing from this copy of the katas",
            file=sys.stderr,
        )
        return 1
    if not ask.confirm(f"Spoiler: show the reference solution of {kata.slug}?", args.yes):
        return 1
    colour = sys.stdout.isatty()  # colour for a reader; plain text for a pipe or a file
    print(f"The reference solution of {kata.slug}: {kata.title}.")
    if args.diff:
        print("As a diff from your files (-) to the reference (+):\n")
        _print_diff(diff(kata), colour)
    else:
        print(f"(`python -m katas solution {kata.slug} --diff` shows it against your files.)\n")
        for path, code in reference(kata):
            _print_code(path, code, colour)
    text = gallery(kata)
    if text:
        print()
        print(text, end="")
    return 0
