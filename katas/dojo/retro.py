"""The retrospective: the questions, and what happened, as Markdown to share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from katas.dojo.clock import elapsed, minutes_seconds
from katas.dojo.model import Dojo
from katas.harness import catalogue

QUESTIONS = (
    "What did we learn about Django signals today?",
    "Which test surprised us, and why?",
    "Where would a signal be the wrong tool in our own code base?",
    "What would we do differently with the next kata?",
    "How did the rotation feel: were turns long enough to make progress?",
)


def default_path(kata: catalogue.Kata, when: dt.datetime | None = None) -> Path:
    """``dojo-<slug>-<date>-<hhmmss>.md`` in the current folder (``save`` never overwrites it)."""
    when = when or dt.datetime.now()
    return Path(f"dojo-{kata.slug}-{when:%Y-%m-%d-%H%M%S}.md")


def cell(text: str) -> str:
    """``text`` as one cell of a Markdown table: a ``|`` in a name must not end the cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(kata: catalogue.Kata, dojo: Dojo, when: dt.datetime | None = None) -> str:
    """The retrospective of ``dojo`` on ``kata`` as a Markdown document."""
    when = when or dt.datetime.now()
    titles = {task.number: task.title for task in kata.tasks}
    lines = [
        f"# Coding dojo: {kata.title}",
        "",
        f"Kata `{kata.slug}` (kata {kata.number}), {when:%Y-%m-%d %H:%M}. "
        f"Turns of {minutes_seconds(dojo.turn_seconds)}; "
        f"rotation: {', '.join(dojo.rotation.people)}.",
        "",
        "## What happened",
        "",
    ]
    done = len(dojo.passed)
    lines.append(f"- Tasks green at the end: {done} of {len(kata.tasks)}.")
    if dojo.first_green is not None:
        lines.append(f"- Time to first green: {elapsed(dojo.first_green)}.")
    else:
        lines.append("- No task turned green during the session.")
    if dojo.solved_at is not None:
        lines.append(f"- Kata solved after {elapsed(dojo.solved_at)}.")
    lines += [
        "",
        "Times are turn time: pauses and pair switches are not counted. A task is credited to",
        "the turn that first made it green; one that went red again is noted in the turn",
        "that broke it.",
        "",
        "| turn | driver | navigator | time | turned green | went red |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for turn in dojo.turns:
        green = "; ".join(f"task {n}: {titles.get(n, '')}" for n in turn.greened) or "-"
        red = "; ".join(_broke(task, mended) for task, mended in turn.broke.items()) or "-"
        cells = (
            str(turn.number),
            turn.driver,
            turn.navigator or "-",
            elapsed(dojo.spent(turn)),
            green,
            red,
        )
        lines.append("| " + " | ".join(cell(text) for text in cells) + " |")
    if not dojo.turns:
        lines.append("| - | - | - | - | no turn was started | - |")
    lines += ["", "## Retrospective", ""]
    for number, question in enumerate(QUESTIONS, start=1):
        lines += [f"{number}. {question}", "", "   - ", ""]
    return "\n".join(lines).rstrip() + "\n"


def _broke(task: int, mended: int | None) -> str:
    if mended is None:
        return f"task {task} went red (still red at the end)"
    return f"task {task} went red (green again in turn {mended})"


def save(path: Path, text: str, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path``; return where it went.

    Unless ``overwrite`` (a ``--retro FILE`` the facilitator named), an existing file
    is kept: the new one gets ``-2``, ``-3``, ... before its suffix.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if overwrite:
        path.write_text(text, encoding="utf-8")
        return path
    candidate, number = path, 1
    while True:
        try:
            with open(candidate, "x", encoding="utf-8") as handle:  # never over another file
                handle.write(text)
            return candidate
        except FileExistsError:
            number += 1
            candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
