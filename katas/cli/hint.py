"""`python -m katas hint KATA [TASK]`: one more hint for the first failing task."""

from __future__ import annotations

import sys

from katas.cli import lookup
from katas.harness import catalogue, progress, report, store, targets

# Which hints the learner has seen, per "slug:task", in .katas/ (katas.harness.store).
STATE = "hints.json"


def add_arguments(parser):
    lookup.add_argument(parser)
    parser.add_argument(
        "task",
        nargs="?",
        type=int,
        metavar="TASK",
        help="the task number (default: the first failing task)",
    )


def shown_counts() -> dict:
    """Return how many hints of each task were shown; empty if none (or the file is unreadable)."""
    counts = store.read(STATE)
    if not isinstance(counts, dict):
        return {}
    return {k: v for k, v in counts.items() if isinstance(v, int) and v >= 0}


def next_hint(kata: catalogue.Kata, number: int) -> tuple[int, str]:
    """Return (position, text) of the next unseen hint of a task, and remember it was seen.

    Once every hint was shown, the last one is returned again (position stays the last).
    """
    task = kata.task(number)
    counts = shown_counts()
    key = f"{kata.slug}:{number}"
    position = min(counts.get(key, 0), len(task.hints) - 1)
    counts[key] = position + 1
    store.write(STATE, counts)  # a read-only checkout forgets: the hint still shows
    return position, task.hints[position]


def run(args) -> int:
    kata = lookup.find(args.kata)
    if args.task is None:
        state = progress.collect([kata], target=targets.from_environment())[0]
        if state.state == report.UNAVAILABLE:
            print(
                f"Kata {kata.slug} {state.unavailable}.\n"
                f"Its hints are still here: python -m katas hint {kata.slug} 1",
                file=sys.stderr,
            )
            return 1
        if not state.judged:
            print(
                f"{state.first_failure.message}\n"
                f"Name the task instead: python -m katas hint {kata.slug} 1",
                file=sys.stderr,
            )
            return 1
        if state.state == report.SOLVED:
            print(f"Kata {kata.slug} is solved: no hint needed. Next: python -m katas")
            return 0
        if state.broken:
            print(f"First fix: {state.broken.describe()}")
        number = state.next_task.number
    elif args.task not in {t.number for t in kata.tasks}:
        print(
            f"kata {kata.slug} has no task {args.task}; its tasks are 1 to {len(kata.tasks)}",
            file=sys.stderr,
        )
        return 2
    else:
        number = args.task
    task = kata.task(number)
    already_all = shown_counts().get(f"{kata.slug}:{number}", 0) >= len(task.hints)
    position, text = next_hint(kata, number)
    print(f"Kata {kata.slug}, task {number} of {len(kata.tasks)}: {task.title}")
    print(f"Hint {position + 1} of {len(task.hints)}: {text}")
    if already_all:
        print("No more hints for this task: that was the last one again.")
    if position + 1 == len(task.hints):
        print(f"Still stuck? python -m katas solution {kata.slug} (a spoiler)")
    return 0
