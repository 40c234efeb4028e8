"""The terminal view: a full-screen countdown, the turn order and the kata's tasks.

On a terminal, ``rich.live.Live`` redraws the screen four times a second (the
countdown moves whether or not anyone saves); at the end of a turn a full-screen
banner and the bell announce the next driver. Without a terminal (output piped to
a file, CI) the view prints one line per event instead.
"""

from __future__ import annotations

from rich.align import Align
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from katas.dojo.clock import minutes_seconds
from katas.dojo.model import OVER, PAUSED, RUNNING, TIME_UP, WAITING

# A 5-line block font for the countdown, readable across a room.
DIGITS = {
    "0": ["███", "█ █", "█ █", "█ █", "███"],
    "1": [" ██", "  █", "  █", "  █", "  █"],
    "2": ["███", "  █", "███", "█  ", "███"],
    "3": ["███", "  █", "███", "  █", "███"],
    "4": ["█ █", "█ █", "███", "  █", "  █"],
    "5": ["███", "█  ", "███", "  █", "███"],
    "6": ["███", "█  ", "███", "█ █", "███"],
    "7": ["███", "  █", "  █", "  █", "  █"],
    "8": ["███", "█ █", "███", "█ █", "███"],
    "9": ["███", "█ █", "███", "  █", "███"],
    ":": [" ", "█", " ", "█", " "],
}

MESSAGE_LINES = 8  # of a failure message, so the keys line stays on screen

MARKS = {"green": ("✔", "bold green"), "failing": ("✘", "bold red"), "not started": ("·", "dim")}


def big(text: str, style: str) -> Text:
    """``text`` (digits and colons) in the block font, each glyph two columns wide."""
    rows = []
    for row in range(5):
        rows.append("  ".join(DIGITS[ch][row].replace("█", "██").replace(" ", "  ") for ch in text))
    return Text("\n".join(rows), style=style)


def who(view: dict) -> Text:
    """The roles line: who drives, who navigates, who is next."""
    line = Text()
    if view["phase"] == WAITING:
        line.append("First: ", style="bold")
        line.append(view["next_driver"], style="bold cyan")
        if view["next_navigator"]:
            line.append(" drives, ")
            line.append(view["next_navigator"], style="bold cyan")
            line.append(" navigates")
        return line
    line.append(view["driver"], style="bold cyan")
    if view["navigator"]:
        line.append(" drives, ")
        line.append(view["navigator"], style="bold cyan")
        line.append(" navigates")
    else:
        line.append(" at the keyboard")
    line.append("    next: ", style="bold")
    line.append(view["next_driver"], style="bold magenta")
    return line


def tasks(view: dict) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for task in view["tasks"]:
        mark, style = MARKS[task["state"]]
        table.add_row(
            Text(mark, style=style),
            Text(f"Task {task['number']}: {task['title']}", style=style.replace("dim", "")),
        )
    return table


def status(view: dict) -> Text:
    """What the group looks at after a save: solved, broken, or the first failure."""
    status, kata = view["status"], view["kata"]
    if status["state"] == "solved":
        text = Text(f"Solved: {kata['title']}!", style="bold green")
        if view["next_kata"]:
            following = view["next_kata"]
            text.append(f"  Next kata: {following['number']}. {following['slug']}", style="green")
        return text
    text = Text()
    if status["test"]:
        text.append(status["test"] + "\n", style="red")
    # Whole lines only, folded, never cropped: a line keeps its last character whatever
    # the width; a long message shows its first lines and says how many more there are.
    lines = status["message"].strip().splitlines()
    text.append("\n".join(lines[:MESSAGE_LINES]))
    if len(lines) > MESSAGE_LINES:
        more = len(lines) - MESSAGE_LINES
        text.append(f"\n(and {more} more lines: python -m katas run {kata['slug']})", style="dim")
    text.overflow = "fold"
    return text


def rotation_note(view: dict) -> str:
    """``Rotation: Ana, Ben, Caro (the last name navigates turn 1)``, while that is true."""
    note = f"Rotation: {', '.join(view['people'])}"
    if view["next_navigator"] and view["next_navigator"] == view["people"][-1]:
        note += " (the last name navigates turn 1)"
    return note


def headline(view: dict) -> str:
    """The banner's first line: why the turn ended, or the session's title."""
    if view["phase"] != TIME_UP:
        return f"Coding dojo: {view['kata']['title']}"
    return "ROTATE" if view["ended_by"] == "rotate" else "TIME!  ROTATE"


def keys_help(view: dict, interactive: bool) -> Text:
    if not interactive:
        return Text("Ctrl-C ends the session.", style="dim")
    if view["phase"] in (WAITING, TIME_UP):
        return Text(
            f"Enter: start the turn   s: skip {view['next_driver']}   "
            "+: one more minute   q: end the session",
            style="dim",
        )
    return Text(
        f"space: pause   +: one more minute   s: skip {view['next_driver']}   "
        "n: rotate now   q: end the session",
        style="dim",
    )


def banner(view: dict, interactive: bool, height: int | None = None) -> Panel:
    """The end of a turn (or the session's start): unmissable, and who comes up."""
    lines = [Text(headline(view), style="bold", justify="center")]
    driver = Text(justify="center")
    driver.append(view["next_driver"], style="bold")
    if view["next_navigator"]:
        driver.append(" drives,  ")
        driver.append(view["next_navigator"], style="bold")
        driver.append(" navigates")
    else:
        driver.append(" to the keyboard")
    lines += [Text(""), driver]
    if view["phase"] == WAITING:
        lines.append(Text(rotation_note(view), justify="center"))
    lines.append(Text(""))
    start = "Press Enter to start turn" if interactive else "Starting turn"
    lines.append(Text(f"{start} {view['turn'] + 1}", justify="center"))
    lines.append(Text(""))
    lines.append(Align.center(keys_help(view, interactive)))
    style = "white on red" if view["phase"] == TIME_UP else "white on blue"
    return Panel(
        Align.center(Group(*lines), vertical="middle"), style=style, expand=True, height=height
    )


def screen(
    view: dict, interactive: bool = True, height: int | None = None, footer: str = ""
) -> Panel | Group:
    """The whole screen for ``view`` (a ``Session.view()``), ``height`` lines tall.

    ``footer``: one more line at the bottom (the page's address, with ``--web``).
    """
    below = [Text(footer, style="dim")] if footer else []
    if view["phase"] in (WAITING, TIME_UP):
        room = None if height is None else max(8, height - len(view["tasks"]) - 1 - len(below))
        return Group(banner(view, interactive, room), tasks(view), *below)
    kata = view["kata"]
    of = f" of {view['limit']}" if view["limit"] else ""
    title = f"Kata {kata['number']}: {kata['title']}   turn {view['turn']}{of}"
    clock_style = "bold yellow" if view["phase"] == PAUSED else "bold"
    if view["phase"] == RUNNING and view["left"] <= 30:
        clock_style = "bold red"
    parts = [big(minutes_seconds(view["left"]), clock_style)]
    if view["phase"] == PAUSED:
        parts.append(Text("PAUSED", style="bold yellow"))
    parts += [Text(""), who(view), Text(""), tasks(view), Text(""), status(view)]
    parts += [Text(""), keys_help(view, interactive), *below]
    return Panel(Group(*parts), title=title, title_align="left")


def roles_text(driver: str, navigator: str | None) -> str:
    """``Ana drives, Dan navigates``, or ``Pair 2 at the keyboard``."""
    if navigator:
        return f"{driver} drives, {navigator} navigates"
    return f"{driver} at the keyboard"


class Lines:
    """The view without a terminal: one line per event, nothing redrawn."""

    def __init__(self, console: Console):
        self.console = console
        self.shown: tuple | None = None

    def say(self, text: str) -> None:
        # soft_wrap: a line is never cut or broken by the console; the reader's window wraps it.
        self.console.print(text, soft_wrap=True, highlight=False, markup=False)

    def opening(self, view: dict) -> None:
        kata = view["kata"]
        self.console.rule(f"[bold]Coding dojo: kata {kata['number']}, {kata['title']}[/]")
        self.say(f"Edit {', '.join(kata['files'])}. Turns of {minutes_seconds(view['length'])}.")
        self.say(f"{rotation_note(view)}. Ctrl-C ends the session.")

    def turn_started(self, view: dict) -> None:
        roles = roles_text(view["driver"], view["navigator"])
        self.say(f"Turn {view['turn']}: {roles} ({minutes_seconds(view['length'])}).")

    def time_up(self, view: dict) -> None:
        if view["phase"] == OVER:
            self.console.rule("[bold]Time is up: last turn over[/]")
            return
        why = "Time! " if view["ended_by"] == "time" else ""
        self.console.rule(f"[bold magenta]{why}Rotate! Turn {view['turn'] + 1}[/]")
        self.say(roles_text(view["next_driver"], view["next_navigator"]) + ".")

    def checked(self, view: dict) -> None:
        tasks = tuple(t["state"] for t in view["tasks"])
        if tasks == self.shown:
            return
        self.shown = tasks
        green = sum(state == "green" for state in tasks)
        line = f"{view['kata']['slug']}: {green}/{len(tasks)} tasks green"
        status = view["status"]
        if status["state"] == "solved":
            line += ", solved!"
        elif status["next_task"]:
            task = view["tasks"][status["next_task"] - 1]
            line += f"; now task {task['number']}: {task['title']}"
        self.say(line)
        if status["message"] and status["state"] != "solved":
            self.say("  " + status["message"].strip().splitlines()[0])
