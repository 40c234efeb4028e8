"""`python -m katas` (no command): the board. Every kata's state and what to do next."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape
from rich.progress_bar import ProgressBar
from rich.table import Table

from katas.cli.readme import task_words
from katas.harness import catalogue, progress, report, targets

STYLE = {
    report.SOLVED: "green",
    report.IN_PROGRESS: "yellow",
    report.NOT_STARTED: "dim",
    report.BROKEN: "bold red",
    report.UNJUDGED: "bold red",
    report.UNAVAILABLE: "dim",
}

# Below this width a table would cut the slugs a learner types: print a list instead.
NARROW = 70


def add_arguments(parser):
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="run every kata's tests, even those whose files did not change since the last run",
    )


def _table(console: Console, states: list[report.KataState], title: str) -> None:
    if console.width < NARROW:
        console.print(f"[bold]{escape(title)}[/]")
        for s in states:
            console.print(f"{s.kata.number:>2} {s.kata.slug}", markup=False, soft_wrap=True)
            console.print(
                f"   [{STYLE[s.state]}]{escape(_label(s))}[/] "
                f"{len(s.passed_tasks)}/{len(s.kata.tasks)}"
            )
        return
    table = Table(title=title, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("kata", no_wrap=True)
    table.add_column("state")
    table.add_column("tasks", justify="right")
    for s in states:
        table.add_row(
            str(s.kata.number),
            f"{escape(s.kata.slug)}\n[dim]{escape(s.kata.title)}[/]",
            f"[{STYLE[s.state]}]{escape(_label(s))}[/]",
            f"{len(s.passed_tasks)}/{len(s.kata.tasks)}",
        )
    console.print(table)


def _label(state: report.KataState) -> str:
    return "broken (see below)" if state.state == report.BROKEN else state.state


def next_up(states: list[report.KataState]) -> report.KataState | None:
    """The kata to work on now: the first in progress (or broken), else the first not solved."""
    open_ = [s for s in states if s.state not in (report.UNAVAILABLE, report.SOLVED)]
    started = [s for s in open_ if s.state in (report.IN_PROGRESS, report.BROKEN)]
    return (started or open_ or [None])[0]


def render(console: Console, states: list[report.KataState], target: str = targets.KATAS) -> None:
    """Print the board for ``states``."""
    title = "Django signals katas"
    if target != targets.KATAS:
        title += f": testing {targets.describe(target)}, not your files ({targets.ENV_VAR})"
    _table(console, states, title)
    for s in states:
        if s.state == report.UNAVAILABLE:
            console.print(f"{s.kata.slug}: {s.unavailable}", markup=False, style="dim")
        if s.broken:  # in full, outside the table: a learner copies the path and line
            console.print(
                f"{s.kata.slug} does not import: {s.broken.describe()}",
                markup=False,
                soft_wrap=True,
                style="red",
            )
    open_ = [s for s in states if s.state != report.UNAVAILABLE]
    done = sum(len(s.passed_tasks) for s in open_)
    total = sum(len(s.kata.tasks) for s in open_)
    solved = sum(s.state == report.SOLVED for s in open_)
    overall = Table.grid(padding=(0, 1))
    overall.add_row(
        ProgressBar(total=total, completed=done, width=40),
        f"{done} of {total} tasks done, {solved} of {len(open_)} katas solved",
    )
    console.print(overall)
    reused = sum(s.reused for s in states)
    if reused:  # say so: a learner who doubts the board can rerun everything
        ran = sum(not s.reused and s.state != report.UNAVAILABLE for s in states)
        katas = "kata" if reused == 1 else "katas"
        console.print(
            f"[dim]Results of {reused} unchanged {katas} reused from their last check"
            + (f", {ran} checked now" if ran else "")
            + "; `python -m katas board --fresh` checks them all again.[/]"
        )
    just_solved = [s.kata.slug for s in states if s.state == report.SOLVED and not s.reused]
    if just_solved:  # judged solved just now: offer what else there is to learn from it
        slug = just_solved[0] if len(just_solved) == 1 else "<kata>"
        console.print(
            f"Solved: {', '.join(just_solved)}. The reference, the mistakes people make and "
            f"other ways to solve it: python -m katas solution {slug}",
            markup=False,
            style="green",
        )
    console.print()
    todo = next_up(states)
    if todo is None:
        console.print(
            "[bold green]Every kata is solved.[/] Try `python -m katas dojo` with friends."
        )
        return
    kata, task = todo.kata, todo.next_task
    files = ", ".join(str(p.relative_to(catalogue.ROOT)) for p in kata.learner_paths())
    console.print(
        f"Next: kata {kata.number}, {kata.slug}, task {task.number} of "
        f"{len(kata.tasks)}: {task.title}",
        markup=False,
        style="bold",
    )
    if todo.broken:
        console.print(f"First fix: {todo.broken.describe()}", markup=False, style="red")
    console.print(task_words(kata, task.number), markup=False)
    console.print(
        f"Edit:  {files}\nRead:  {kata.readme.relative_to(catalogue.ROOT)}\n"
        f"Run:   python -m katas run {kata.slug}   (or: python -m katas watch)\n"
        f"Stuck? python -m katas hint {kata.slug}",
        markup=False,
    )


def run(args) -> int:
    target = targets.from_environment()
    states = progress.collect(fresh=getattr(args, "fresh", False), target=target)
    render(Console(), states, target)
    unjudged = [s for s in states if s.state == report.UNJUDGED]
    for state in unjudged:
        print(f"{state.kata.slug}: {state.first_failure.message}", file=sys.stderr)
    return 1 if unjudged else 0
