"""`python -m katas watch [KATA]`: rerun a kata each time one of its files is saved.

Shows only the first failing task (a wall of red helps nobody); when the kata is
solved, says so and moves on to the next unsolved one. Every kata's files are
watched from the start: a save that breaks a kata already left behind brings the
watch back to it, so "Solved" is never the last word on code that changed since.
"""

from __future__ import annotations

from rich.console import Console

from katas.cli import lookup, progress
from katas.cli.saves import Saves
from katas.harness import catalogue, runner


def add_arguments(parser):
    lookup.add_argument(parser, optional=True)
    parser.add_argument(
        "--poll",
        action="store_true",
        help="poll for changes (for network drives and other file systems that send no events)",
    )


def show(console: Console, state: progress.KataState, note: str = "") -> None:
    """Print the one thing the learner should look at now (after ``note``, if any)."""
    kata = state.kata
    if console.is_terminal:
        console.clear()  # one screen, one failure
    if note:
        # Printed after the clear: news such as "the first kata is solved" must survive it.
        console.print(note)
    console.rule(
        f"kata {kata.number}: {kata.slug}  ({len(state.passed_tasks)}/{len(kata.tasks)} tasks)"
    )
    if state.broken:
        console.print("[bold red]Your code does not import:[/]", state.broken.describe())
        return
    if state.state == progress.SOLVED:
        console.print(f"[bold green]Solved: {kata.title}![/]")
        return
    task = state.next_task
    failure = state.first_failure
    if state.judged:
        console.print(f"[bold]Task {task.number} of {len(kata.tasks)}: {task.title}[/]")
    if failure is not None:
        console.print(f"[red]{failure.name}[/]")
        console.print(failure.message, markup=False, highlight=False)
    console.print(f"[dim]Stuck? python -m katas hint {kata.slug} {task.number}[/]")


class Watch:
    """Which kata the learner is on, and what the last check of each kata said."""

    def __init__(self, console: Console, saves: Saves, katas):
        self.console = console
        self.saves = saves
        self.katas = tuple(katas)

    def check(self, kata: catalogue.Kata) -> progress.KataState:
        return progress.check(kata)

    def first_unsolved(self, after: catalogue.Kata | None = None) -> catalogue.Kata | None:
        """Return the first kata (after ``after``, if given) not solved, checking as it goes."""
        for kata in self.katas:
            if after is not None and kata.number <= after.number or kata.unavailable_reason():
                continue
            if self.check(kata).state != progress.SOLVED:
                return kata
        return None

    def follow(self, kata: catalogue.Kata) -> None:
        """Check ``kata`` after every save, moving on when solved, until every kata is solved."""
        state, note = self.check(kata), ""
        while True:
            show(self.console, state, note)
            note = ""
            saved = self.saves.pending()
            if state.state == progress.SOLVED and not saved:
                # Moving on: but a save made meanwhile must be checked first.
                following = self.first_unsolved(after=kata) or self.first_unsolved()
                saved = self.saves.pending()
                if not saved:
                    if following is None:
                        self.console.print("[bold green]That was the last kata. Well done![/]")
                        return
                    note = (
                        f"[bold green]Solved: kata {kata.number}, {kata.slug}.[/] "
                        f"Next: kata {following.number}, {following.slug}."
                    )
                    kata = following
                    state = self.check(kata)
                    continue
            if not saved:
                files = ", ".join(kata.files)
                self.console.print(
                    f"[dim]Watching {files} in katas/{kata.slug}/ (Ctrl-C to stop)[/]"
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
    runner.warm_up()
    katas = catalogue.load()
    saves = Saves(katas, args.poll)  # watching before the first check: no save is missed
    watch = Watch(console, saves, katas)
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
    finally:
        saves.close()
    return 0
