"""`python -m katas watch [KATA]`: rerun a kata each time one of its files is saved.

Shows only the first failing task (a wall of red helps nobody); when the kata is
solved, says so and moves on to the next unsolved one. Every kata's files are
watched from the start: a save that breaks a kata already left behind brings the
watch back to it, so "Solved" is never the last word on code that changed since.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape

from katas.cli import lookup
from katas.cli.saves import Saves, WatcherStopped
from katas.harness import catalogue, progress, report, targets
from katas.harness.checker import Checker


def add_arguments(parser):
    lookup.add_argument(parser, optional=True)
    parser.add_argument(
        "--poll",
        action="store_true",
        help="poll for changes (for network drives and other file systems that send no events)",
    )


def show(console: Console, state: report.KataState, note: str = "") -> None:
    """Print the one thing the learner should look at now (after ``note``, if any).

    Nothing the learner's code or a test id holds is read as markup.
    """
    kata = state.kata
    if console.is_terminal:
        console.clear()  # one screen, one failure
    if note:
        # Printed after the clear: news such as "the first kata is solved" must survive it.
        console.print(note)
    done = len(state.passed_tasks)
    console.rule(
        escape(f"kata {kata.number}: {kata.slug}  ({done} of {len(kata.tasks)} tasks done)")
    )
    if state.broken:
        console.print("Your code does not import:", style="bold red", markup=False)
        console.print(state.broken.describe(), markup=False, highlight=False)
        return
    if state.state == report.SOLVED:
        console.print(f"Solved: {kata.title}!", style="bold green", markup=False)
        console.print(
            f"See the reference, the mistakes people make and other ways to solve it: "
            f"python -m katas solution {kata.slug}",
            markup=False,
            style="dim",
        )
        return
    task = state.next_task
    failure = state.first_failure
    if state.judged:
        console.print(
            f"Task {task.number} of {len(kata.tasks)}: {task.title}", style="bold", markup=False
        )
    if failure is not None:
        console.print(failure.name, style="red", markup=False, highlight=False)
        console.print(failure.message, markup=False, highlight=False)
    console.print(
        f"Stuck? python -m katas hint {kata.slug} {task.number}", style="dim", markup=False
    )


class Watch:
    """Which kata the learner is on, and what the last check of each kata said."""

    def __init__(self, console: Console, saves: Saves, katas, checker: Checker):
        self.console = console
        self.saves = saves
        self.katas = tuple(katas)
        self.checker = checker

    def check(self, kata: catalogue.Kata) -> report.KataState:
        return progress.check(self.checker, kata)

    def first_unsolved(self, after: catalogue.Kata | None = None) -> catalogue.Kata | None:
        """Return the first kata (after ``after``, if given) not solved, checking as it goes."""
        for kata in self.katas:
            if after is not None and kata.number <= after.number or kata.unavailable_reason():
                continue
            if self.check(kata).state != report.SOLVED:
                return kata
        return None

    def follow(self, kata: catalogue.Kata) -> None:
        """Check ``kata`` after every save, moving on when solved, until every kata is solved."""
        state, note = self.check(kata), ""
        while True:
            show(self.console, state, note)
            note = ""
            saved = self.saves.pending()
            if state.state == report.SOLVED and not saved:
                # Moving on: but a save made meanwhile must be checked first.
                following = self.first_unsolved(after=kata) or self.first_unsolved()
                saved = self.saves.pending()
                if not saved:
                    if following is None:
                        self.console.print("[bold green]That was the last kata. Well done![/]")
                        return
                    note = escape(
                        f"Solved: kata {kata.number}, {kata.slug}. "
                        f"Next: kata {following.number}, {following.slug}."
                    )
                    kata = following
                    state = self.check(kata)
                    continue
            if not saved:
                self.console.print(
                    f"Watching katas/{kata.slug}/ (Ctrl-C to stop)", style="dim", markup=False
                )
                saved = self.saves.wait()
            kata = self._kata_to_show(kata, saved)
            state = self.check(kata)

    def _kata_to_show(self, current: catalogue.Kata, saved: set[str]) -> catalogue.Kata:
        """The kata to check after ``saved``: the current one, or the first saved one before it."""
        earlier = [k for k in self.katas if k.slug in saved and k.number < current.number]
        if current.slug in saved or not earlier:
            return current
        return earlier[0]


def run(args) -> int:
    console = Console()
    kata = lookup.find(args.kata) if args.kata else None
    if kata is not None and kata.unavailable_reason():
        print(f"watch: kata {kata.slug} {kata.unavailable_reason()}", file=sys.stderr)
        return 2
    if targets.from_environment() != targets.KATAS:
        print(f"watch: judges your files; {targets.ENV_VAR} is ignored here.", file=sys.stderr)
    katas = catalogue.load()
    with Checker(parallel=1) as checker:
        saves = Saves(katas, args.poll)  # watching before the first check: no save is missed
        watch = Watch(console, saves, katas, checker)
        try:
            kata = kata or watch.first_unsolved()
            if kata is None:
                console.print("[bold green]Every kata is solved.[/]")
                return 0
            if args.poll:
                console.print("[dim]Polling for changes (no file system events).[/]")
            watch.follow(kata)
        except KeyboardInterrupt:
            console.print("\nStopped watching.")
        except WatcherStopped as error:
            print(f"watch: {error}", file=sys.stderr)
            return 1
        finally:
            saves.close()
    return 0
