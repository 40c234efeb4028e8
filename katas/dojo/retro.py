"""The retrospective: the questions, and what happened, as Markdown to share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from katas.dojo.clock import minutes_seconds
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
    """``dojo-<slug>-<date>-<time>.md`` in the current folder."""
    when = when or dt.datetime.now()
    return Path(f"dojo-{kata.slug}-{when:%Y-%m-%d-%H%M}.md")


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
        lines.append(f"- Time to first green: {minutes_seconds(dojo.first_green)}.")
    else:
        lines.append("- No task turned green during the session.")
    if dojo.solved_at is not None:
        lines.append(f"- Kata solved after {minutes_seconds(dojo.solved_at)}.")
    lines += [
        "",
        "| turn | driver | navigator | time | turned green |",
        "| --- | --- | --- | --- | --- |",
    ]
    for turn in dojo.turns:
        spent = (turn.ended if turn.ended is not None else dojo.now()) - turn.started
        green = "; ".join(f"task {n}: {titles.get(n, '')}" for n in turn.greened) or "-"
        navigator = turn.navigator or "-"
        lines.append(
            f"| {turn.number} | {turn.driver} | {navigator} | {minutes_seconds(spent)} | {green} |"
        )
    if not dojo.turns:
        lines.append("| - | - | - | - | no turn was started |")
    lines += ["", "## Retrospective", ""]
    for number, question in enumerate(QUESTIONS, start=1):
        lines += [f"{number}. {question}", "", "   - ", ""]
    return "\n".join(lines).rstrip() + "\n"


def save(path: Path, text: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
