"""`python -m katas watch [KATA]`: rerun a kata each time one of its files is saved.

Shows only the first failing task (a wall of red helps nobody); when the kata is
solved, says so and moves on to the next unsolved one.
"""

from __future__ import annotations

from rich.console import Console

from katas.cli import lookup, progress, warm
from katas.cli.saves import Saves
from katas.harness import catalogue


def add_arguments(parser):
    lookup.add_argument(parser, optional=True)
    parser.add_argument(
        "--poll",
        action="store_true",
        help="poll for changes (for network drives and other file systems that send no events)",
    )


def first_unsolved(after: catalogue.Kata | None = None) -> catalogue.Kata | None:
    """Return the first kata (after ``after``, if given) that is not solved, or None."""
    katas = [k for k in catalogue.load() if after is None or k.number > after.number]
    for kata in katas:
        if warm.check(kata).state != progress.SOLVED:
            return kata
    return None


def show(console: Console, state: progress.KataState, note: str = "") -> None:
    """Print the one thing the learner should look at now (after ``note``, if any)."""
    kata = state.kata
    if console.is_terminal:
        console.clear()  # one screen, one failure
    if note:
        # Printed after the clear: news such as "kata 1 solved" must survive it.
        console.print(note)
    console.rule(
        f"kata {kata.number}: {kata.slug}  ({len(state.passed_tasks)}/{len(kata.tasks)} tasks)"
    )
    if state.broken:
        console.print(
            f"[bold red]Your code does not import:[/] {state.broken['location']}: "
            f"{state.broken['error']}"
        )
        return
    if state.state == progress.SOLVED:
        console.print(f"[bold green]Solved: {kata.title}![/]")
        return
    task = state.next_task
    console.print(f"[bold]Task {task.number} of {len(kata.tasks)}: {task.title}[/]")
    failure = state.first_failure or {}
    console.print(f"[red]{failure.get('nodeid', '').split('::')[-1]}[/]")
    console.print(failure.get("message", ""), markup=False, highlight=False)
    console.print(f"[dim]Stuck? python -m katas hint {kata.slug} {task.number}[/]")


def follow(console: Console, kata: catalogue.Kata, saves: Saves, note: str = "") -> None:
    """Check ``kata`` now and after every save until it is solved."""
    # The watcher runs before the first check, so a save during a check is not missed.
    state = warm.check(kata)
    show(console, state, note)
    while state.state != progress.SOLVED:
        console.print(
            f"[dim]Watching {', '.join(kata.files)} in katas/{kata.slug}/ (Ctrl-C to stop)[/]"
        )
        saves.wait()
        state = warm.check(kata)
        show(console, state)


def run(args) -> int:
    console = Console()
    warm.preload()
    kata = lookup.find(args.kata) if args.kata else first_unsolved()
    if kata is None:
        console.print("[bold green]Every kata is solved.[/]")
        return 0
    if args.poll:
        console.print("[dim]Polling for changes (no file system events).[/]")
    note = ""
    try:
        while kata is not None:
            saves = Saves(kata, args.poll)
            try:
                follow(console, kata, saves, note)
            finally:
                saves.close()
            done, kata = kata, first_unsolved(after=kata)
            if kata is None:
                console.print("[bold green]That was the last kata. Well done![/]")
                return 0
            note = (
                f"[bold green]Solved: kata {done.number}, {done.slug}.[/] "
                f"Next: kata {kata.number}, {kata.slug}."
            )
            console.print(note)
    except KeyboardInterrupt:
        console.print("\nStopped watching.")
    return 0
