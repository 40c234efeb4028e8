"""`python -m katas` (no command): the board. Every kata's state and what to do next."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress_bar import ProgressBar
from rich.table import Table

from katas.cli import progress
from katas.cli.readme import task_words
from katas.harness import catalogue

STYLE = {
    progress.SOLVED: "green",
    progress.IN_PROGRESS: "yellow",
    progress.NOT_STARTED: "dim",
    progress.BROKEN: "bold red",
    progress.UNJUDGED: "bold red",
    progress.UNAVAILABLE: "dim",
}

# Below this width a table would cut the slugs a learner types: print a list instead.
NARROW = 70


def add_arguments(parser):
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="run every kata's tests, even those whose files did not change since the last run",
    )


def _table(console: Console, states: list[progress.KataState]) -> None:
    if console.width < NARROW:
        console.print("[bold]Django signals katas[/]")
        for s in states:
            console.print(f"{s.kata.number:>2} {s.kata.slug}", markup=False, soft_wrap=True)
            console.print(
                f"   [{STYLE[s.state]}]{_label(s)}[/] {len(s.passed_tasks)}/{len(s.kata.tasks)}"
            )
        return
    table = Table(title="Django signals katas", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("kata", no_wrap=True)
    table.add_column("state")
    table.add_column("tasks", justify="right")
    for s in states:
        table.add_row(
            str(s.kata.number),
            f"{s.kata.slug}\n[dim]{s.kata.title}[/]",
            f"[{STYLE[s.state]}]{_label(s)}[/]",
            f"{len(s.passed_tasks)}/{len(s.kata.tasks)}",
        )
    console.print(table)


def _label(state: progress.KataState) -> str:
    return "broken (see below)" if state.state == progress.BROKEN else state.state


def render(console: Console, states: list[progress.KataState]) -> None:
    """Print the board for ``states``."""
    _table(console, states)
    for s in states:
        if s.state == progress.UNAVAILABLE:
            console.print(
                f"{s.kata.slug}: {s.kata.unavailable_reason()}", markup=False, style="dim"
            )
        if s.broken:  # in full, outside the table: a learner copies the path and line
            console.print(
                f"{s.kata.slug} does not import: {s.broken.describe()}",
                markup=False,
                soft_wrap=True,
                style="red",
            )
    open_ = [s for s in states if s.state != progress.UNAVAILABLE]
    done = sum(len(s.passed_tasks) for s in open_)
    total = sum(len(s.kata.tasks) for s in open_)
    solved = sum(s.state == progress.SOLVED for s in open_)
    overall = Table.grid(padding=(0, 1))
    overall.add_row(
        ProgressBar(total=total, completed=done, width=40),
        f"{done} of {total} tasks done, {solved} of {len(open_)} katas solved",
    )
    console.print(overall)
    reused = sum(s.reused for s in states)
    if reused:  # say so: a learner who doubts the board can rerun everything
        ran = len(states) - reused
        console.print(
            f"[dim]Results of {reused} unchanged katas reused from their last run"
            + (f", {ran} run now" if ran else "")
            + "; `python -m katas board --fresh` reruns them all.[/]"
        )
    console.print()
    todo = next((s for s in open_ if s.state != progress.SOLVED), None)
    if todo is None:
        console.print(
            "[bold green]Every kata is solved.[/] Try `python -m katas dojo` with friends."
        )
        return
    kata, task = todo.kata, todo.next_task
    files = ", ".join(str(p.relative_to(catalogue.ROOT)) for p in kata.learner_paths())
    console.print(
        f"[bold]Next: kata {kata.number}, {kata.slug}, task {task.number} of "
        f"{len(kata.tasks)}: {task.title}[/]"
    )
    if todo.broken:
        console.print(f"First fix: {todo.broken.describe()}", markup=False, style="red")
    console.print(task_words(kata, task.number), markup=False)
    console.print(f"Edit:  {files}\nRead:  {kata.readme.relative_to(catalogue.ROOT)}")
    console.print(f"Run:   python -m katas run {kata.slug}   (or: python -m katas watch)")
    console.print(f"Stuck? python -m katas hint {kata.slug}")


def run(args) -> int:
    states = progress.collect(fresh=getattr(args, "fresh", False))
    render(Console(), states)
    unjudged = [s for s in states if s.state == progress.UNJUDGED]
    for state in unjudged:
        print(f"{state.kata.slug}: {state.first_failure.message}", file=sys.stderr)
    return 1 if unjudged else 0
