"""`python -m katas dojo KATA`: a randori session on one projector.

One keyboard, rotating pairs: a live countdown, who drives, navigates and comes
next, the kata's tasks turning green as the code changes, a banner and the bell
at each rotation, and a retrospective saved as Markdown at the end. ``--web``
shows the same session as a page for the projector. The parts live in
``katas.dojo``; this module reads the command line and runs the main loop.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import signal
import sys
import threading
import time

from rich.console import Console
from rich.live import Live

from katas.cli import lookup
from katas.cli.saves import Saves
from katas.dojo import keys as keyboard
from katas.dojo import retro, session, terminal
from katas.dojo.model import OVER, PAUSED, RUNNING, TIME_UP, WAITING, Dojo
from katas.dojo.rotation import Rotation, people_from, shuffled
from katas.harness import progress
from katas.harness.checker import Checker, CheckerClosed

MIN_TURN_MINUTES = 0.25  # fifteen seconds: shorter is a typo, and would rotate without end
MAX_TURN_MINUTES = 180  # three hours: longer than any dojo, short enough to catch a typo
MAX_TURNS = 1000
MAX_PAIRS = 50


class Usage(ValueError):
    """A command-line value that cannot work; the message says which and why."""


def add_arguments(parser):
    lookup.add_argument(parser)
    parser.add_argument(
        "--turn",
        default="5",
        metavar="MINUTES",
        help=f"length of a driver's turn, from {MIN_TURN_MINUTES} to {MAX_TURN_MINUTES}"
        " (default: 5)",
    )
    parser.add_argument(
        "--turns",
        default=None,
        metavar="N",
        help="end after N turns (default: run until q or Ctrl-C)",
    )
    parser.add_argument(
        "--people",
        metavar='"ANA,BEN,..."',
        help="the rotation, comma-separated: the first name drives turn 1 and the last "
        "navigates it; each driver then navigates the next turn "
        '(default: "Pair 1", "Pair 2", ... taking turns at the keyboard)',
    )
    parser.add_argument(
        "--pairs",
        default="4",
        metavar="N",
        help="without --people: how many pairs take turns (default: 4)",
    )
    parser.add_argument("--shuffle", action="store_true", help="shuffle the rotation first")
    # --shuffle-key: a repeatable --shuffle, for tests and rehearsals; not worth a line in --help.
    parser.add_argument("--shuffle-key", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--web",
        action="store_true",
        help="also serve the session as a page for the projector, on 127.0.0.1",
    )
    parser.add_argument(
        "--port", default="8000", help="the page's port with --web (default: 8000; 0: any free one)"
    )
    parser.add_argument(
        "--retro",
        metavar="FILE",
        help="where to save the retrospective (default: dojo-<kata>-<date>-<hhmmss>.md here,"
        " never over an earlier one)",
    )
    parser.add_argument(
        "--poll",
        action="store_true",
        help="poll for changes (for network drives that send no file system events)",
    )


def minutes(text: str) -> float:
    """``--turn``: a number of minutes from MIN_TURN_MINUTES to MAX_TURN_MINUTES."""
    try:
        value = float(text)
    except ValueError:
        raise Usage(f"--turn wants a number of minutes, such as 5 or 2.5, not {text!r}") from None
    if not math.isfinite(value) or not MIN_TURN_MINUTES <= value <= MAX_TURN_MINUTES:
        raise Usage(
            f"--turn wants minutes from {MIN_TURN_MINUTES} to {MAX_TURN_MINUTES}, not {text}"
        )
    return value


def count(text: str, option: str, most: int) -> int:
    """A whole number from 1 to ``most`` for ``option``."""
    try:
        value = int(text)
    except ValueError:
        raise Usage(f"{option} wants a whole number from 1 to {most}, not {text!r}") from None
    if not 1 <= value <= most:
        raise Usage(f"{option} wants a whole number from 1 to {most}, not {text}")
    return value


def port(text: str) -> int:
    """``--port``: 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise Usage(f"--port wants a port number from 0 (any free one) to 65535, not {text!r}")
    return value


def build(args, clock=time.monotonic) -> Dojo:
    """The session's model from the command line; raises Usage for a value that cannot work."""
    turn = minutes(args.turn)
    limit = None if args.turns is None else count(args.turns, "--turns", MAX_TURNS)
    pairs = count(args.pairs, "--pairs", MAX_PAIRS)
    people = people_from(args.people, pairs)
    if not people:
        raise Usage('--people wants names separated by commas, such as "Ana,Ben,Caro"')
    if args.shuffle:
        people = shuffled(people, args.shuffle_key)
    return Dojo(Rotation(people, pairs=args.people is None), turn * 60, clock=clock, limit=limit)


class Stop:
    """The signals that end a dojo: Ctrl-C (SIGINT), a kill (SIGTERM), a closed terminal (SIGHUP).

    The handler only takes note; the main loop ends the session, and the retrospective
    is saved, whichever came. After a hang-up the terminal is gone: what is still printed
    goes to /dev/null, and the page does not stay up.
    """

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP")  # Windows has no SIGHUP

    def __init__(self):
        self.event = threading.Event()
        self.hung_up = False

    def install(self) -> None:
        for name in self.NAMES:
            number = getattr(signal, name, None)
            if number is not None:
                signal.signal(number, self._note)

    def _note(self, number, frame) -> None:
        if number == getattr(signal, "SIGHUP", None) and not self.hung_up:
            self.hung_up = True
            nowhere = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(nowhere, fd)
            os.close(nowhere)
        self.event.set()

    def __bool__(self) -> bool:
        return self.event.is_set()

    def rearm(self) -> None:
        """Listen again: the next signal stops the page kept up for the retrospective."""
        self.event.clear()


def run(args) -> int:
    try:
        dojo = build(args)
        web_port = port(args.port)
    except Usage as error:
        print(f"python -m katas dojo: {error}", file=sys.stderr)
        return 2
    kata = lookup.find(args.kata)
    console = Console()
    stop = Stop()
    stop.install()
    judge = Checker(parallel=1)  # Django and the test databases set up once, in its server
    live = session.Session(kata, dojo, checker=lambda kata: progress.check(judge, kata))
    server, footer = None, ""
    if args.web:
        from katas.dojo.web import server as web

        try:
            server, url = web.serve(live, web_port)
        except OSError as error:
            print(
                f"python -m katas dojo: cannot serve on 127.0.0.1:{web_port} ({error.strerror});"
                " try another --port",
                file=sys.stderr,
            )
            return 2
        console.print(f"The dojo page: [bold]{url}[/] (open it on the projector)")
        sys.stdout.flush()
        footer = f"The page: {url}"
    saves = Saves([kata], args.poll)
    try:
        with keyboard.Keys() as keys:
            auto = not keys.interactive and not args.web
            main_loop(
                console, live, keys, saves, auto=auto, footer=footer, stop=stop, cancel=judge.close
            )
    finally:
        saves.close()
        judge.close()  # its children and folders go with it
    live.act("finish")
    path = save_retrospective(live, args.retro)
    quietly(lambda: show_retrospective(console, path))
    if server is not None:
        if not stop.hung_up:
            stop.rearm()
            quietly(
                lambda: console.print(
                    "The page stays up for the retrospective; Ctrl-C (or its Stop button) stops it."
                )
            )
            while not stop and not live.closed.wait(0.2):
                pass
            time.sleep(0.3)  # the page's last answer ("closing") goes out first
        server.shutdown()
    return 0


def save_retrospective(live: session.Session, named: str | None):
    """Save the session's retrospective; return its path (None when it could not be saved).

    First thing after the session, before anything is printed: the terminal may be gone.
    """
    path = named or retro.default_path(live.kata)
    try:
        saved = retro.save(path, retro.markdown(live.kata, live.dojo), overwrite=bool(named))
    except OSError as error:
        problem = f"cannot save {path}: {error.strerror}"
        live.retro_saved(None, problem)
        quietly(lambda: print(f"python -m katas dojo: {problem}", file=sys.stderr))
        return None
    live.retro_saved(saved)
    return saved


def quietly(show) -> None:
    """Print with ``show()``, unless the terminal has gone (closed window, dropped SSH)."""
    with contextlib.suppress(OSError):
        show()


class BackgroundChecks:
    """Check the kata in a background thread: once at the start, then after every save.

    The main thread stays free for the keys and the clock: a turn ends, and a key
    starts the next, on time even while a slow check runs.
    """

    def __init__(self, live: session.Session, saves: Saves, checked, cancel=None):
        self.live = live
        self.saves = saves
        self.checked = checked  # called after each check, in the checker's thread
        self.cancel = cancel  # ends a check under way (closes the checker)
        self.first = threading.Event()  # set once the first check is done
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dojo-checks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop checking: end a check under way, and wait for the thread."""
        self._stop.set()
        if self.cancel is not None:
            self.cancel()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        with contextlib.suppress(CheckerClosed):  # the session ended during a check
            self._check()
            self.first.set()
            while not self._stop.is_set():
                if self.saves.wait(timeout=0.25) and not self._stop.is_set():
                    self._check()

    def _check(self) -> None:
        self.live.refresh()
        self.checked()


def main_loop(
    console: Console,
    live: session.Session,
    keys,
    saves: Saves,
    auto: bool,
    footer: str = "",
    stop=None,
    cancel=None,
) -> None:
    """Tick the clock and act on keys until the session is over; checks run beside it.

    ``auto``: nobody can press a key (no terminal, no page), so turns start by themselves,
    the first one once the kata has been checked. ``stop``: true once a signal asks the
    session to end.
    """
    lines = None if console.is_terminal else terminal.Lines(console)
    last = {"turn": 0, "phase": None}

    def screen():
        return terminal.screen(
            live.view(), keys.interactive, height=console.size.height, footer=footer
        )

    def events():
        """Announce what changed since the last look: a new turn, time up."""
        view = live.view()
        if view["phase"] in (TIME_UP, OVER) and last["phase"] in (RUNNING, PAUSED):
            console.bell()
            if lines:
                lines.time_up(view)
        if view["turn"] > last["turn"] and lines:
            lines.turn_started(view)
        last.update(turn=view["turn"], phase=view["phase"])
        return view

    checker = BackgroundChecks(
        live, saves, lambda: lines.checked(live.view()) if lines else None, cancel
    )
    display = None
    if lines:
        lines.opening(live.view())
    else:
        display = Live(get_renderable=screen, console=console, screen=True, refresh_per_second=4)
        display.start()
    try:
        checker.start()
        while live.dojo.phase != OVER and not stop:
            key = keys.get()
            while key is not None:
                action = keyboard.action_for(key, live.dojo.phase)
                if action:
                    live.act(action)
                key = keys.get()
            live.tick()
            view = events()
            if auto and view["phase"] in (WAITING, TIME_UP) and checker.first.is_set():
                live.act("start")
                events()
            time.sleep(0.05)
        quietly(events)
    finally:
        checker.stop()
        if display:
            quietly(display.stop)


def show_retrospective(console: Console, path) -> None:
    console.rule("[bold]Retrospective[/]")
    for number, question in enumerate(retro.QUESTIONS, start=1):
        console.print(f"{number}. {question}")
    if path is not None:
        console.print(f"\nWhat happened, and these questions, are saved in {path}", highlight=False)
