"""`python -m katas solution KATA`: the reference solution, as a diff against your files."""

from __future__ import annotations

import difflib
import sys

from katas.cli import ask, lookup
from katas.harness import catalogue, rules


def add_arguments(parser):
    lookup.add_argument(parser)
    parser.add_argument("--yes", action="store_true", help="skip the spoiler question")


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
                fromfile=str(mine.relative_to(catalogue.ROOT)) + " (yours)",
                tofile=str(theirs.relative_to(catalogue.ROOT)) + " (reference)",
            )
        )
    return "".join(chunks)


def run(args) -> int:
    kata = lookup.find(args.kata)
    missing = [p for p in kata.solution_paths() if not p.is_file()]
    if missing:
        print(
            f"solution: {missing[0].relative_to(catalogue.ROOT)} is missing from this copy "
            "of the katas",
            file=sys.stderr,
        )
        return 1
    if not ask.confirm(f"Spoiler: show the reference solution of {kata.slug}?", args.yes):
        return 1
    text = diff(kata)
    if not text:
        print("Your files are the reference solution, to the letter.")
    elif sys.stdout.isatty():  # colour for a reader; plain text for a pipe or a patch file
        from rich.console import Console
        from rich.syntax import Syntax

        Console().print(Syntax(text, "diff", theme="ansi_dark"))
    else:
        print(text, end="")
    show_mistakes(kata)
    return 0


def show_mistakes(kata) -> None:
    """List the kata's gallery of mistakes: what people get wrong, each with its folder."""
    mistakes = [e for kind, e in rules.gallery(kata) if kind == "mistakes"]
    if not mistakes:
        return
    print(f"\nMistakes people make in {kata.slug} (each one a folder of code the tests reject):")
    for entry in mistakes:
        summary = (rules.describe_entry(kata, entry) or {}).get("summary", "")
        print(f"  {entry.relative_to(catalogue.ROOT)}/  {summary.removeprefix('Mistake: ')}")
