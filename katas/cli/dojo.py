"""`python -m katas dojo KATA`: a randori session on one projector.

One keyboard, rotating pairs: a turn timer announces each rotation (the driver
becomes navigator, a new driver comes up), the kata's test status updates as the
code changes, and the session ends with retrospective questions.
"""

from __future__ import annotations

import time

from rich.console import Console

from katas.cli import lookup, progress
from katas.cli.readme import task_words
from katas.cli.saves import Saves
from katas.harness import runner

RETROSPECTIVE = (
    "What did we learn about Django signals today?",
    "Which test surprised us, and why?",
    "Where would a signal be the wrong tool in our own code base?",
    "What would we do differently with the next kata?",
    "How did the rotation feel: were turns long enough to make progress?",
)


def add_arguments(parser):
    lookup.add_argument(parser)
    parser.add_argument(
        "--turn",
        type=float,
        default=5,
        metavar="MINUTES",
        help="length of a driver's turn (default: 5)",
    )
    parser.add_argument(
        "--turns",
        type=int,
        default=0,
        metavar="N",
        help="end after N turns (default: run until Ctrl-C)",
    )
    parser.add_argument(
        "--poll",
        action="store_true",
        help="poll for changes (for network drives that send no file system events)",
    )


class Turns:
    """Count turns on a clock; ``due()`` is true once per elapsed turn."""

    def __init__(self, minutes: float, clock=time.monotonic):
        self.length = minutes * 60
        self.clock = clock
        self.started = clock()
        self.number = 1

    def due(self) -> bool:
        if self.clock() - self.started >= self.length * self.number:
            self.number += 1
            return True
        return False

    def left(self) -> float:
        return max(0.0, self.started + self.length * self.number - self.clock())


def announce_rotation(console: Console, turn: int) -> None:
    console.rule(f"[bold magenta]Rotate! Turn {turn}[/]")
    console.print(
        "The driver becomes navigator; the navigator leaves the keyboard;"
        " the next person comes up to drive."
    )


def status(console: Console, state: progress.KataState, turns: Turns) -> None:
    minutes, seconds = divmod(int(turns.left()), 60)
    label = state.state if not state.broken else f"broken: {state.broken.location()}"
    console.print(
        f"[bold]Turn {turns.number}[/] ({minutes}:{seconds:02d} left) | "
        f"{state.kata.slug}: {label}, {len(state.passed_tasks)}/{len(state.kata.tasks)} tasks"
    )
    if state.state not in (progress.SOLVED, progress.BROKEN) and state.first_failure:
        console.print(f"  next: task {state.next_task.number}: {state.next_task.title}")
        console.print(f"  {state.first_failure.message.splitlines()[0][:200]}", markup=False)


def retrospective(console: Console) -> None:
    console.rule("[bold]Retrospective[/]")
    for number, question in enumerate(RETROSPECTIVE, start=1):
        console.print(f"{number}. {question}")


def session(
    console: Console, kata, turns: Turns, ticks, check=progress.check, limit: int = 0
) -> None:
    """Run the session: ``ticks`` yields True when the code changed, False each second."""
    status(console, check(kata), turns)
    for changed in ticks:
        if turns.due():
            if limit and turns.number > limit:
                break
            announce_rotation(console, turns.number)
        if changed:
            status(console, check(kata), turns)


def ticks_of(kata, poll: bool = False):
    """Yield True after each save of the kata's files, and False about once a second."""
    saves = Saves([kata], poll)
    try:
        while True:
            yield bool(saves.wait(timeout=1))
    finally:
        saves.close()


def run(args) -> int:
    kata = lookup.find(args.kata)
    console = Console()
    runner.warm_up()
    console.rule(f"[bold]Coding dojo: kata {kata.number}, {kata.title}[/]")
    first = kata.tasks[0]
    console.print(f"Task 1 of {len(kata.tasks)}: {first.title}")
    console.print(task_words(kata, 1), markup=False)
    console.print(
        f"Files: {', '.join(kata.files)} in katas/{kata.slug}/. "
        f"Turns of {args.turn:g} minutes. Ctrl-C ends the session.\n"
    )
    try:
        session(console, kata, Turns(args.turn), ticks_of(kata, args.poll), limit=args.turns)
    except KeyboardInterrupt:
        console.print()
    retrospective(console)
    return 0
