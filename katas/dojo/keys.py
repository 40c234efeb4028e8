"""Key presses from the terminal, one at a time, without waiting for Enter.

A background thread reads standard input in cbreak mode (POSIX termios/tty):
keys arrive as typed, Ctrl-C still interrupts, and the terminal is restored on
exit. Without a terminal (standard input is a pipe or a file, or on Windows)
there are no keys: ``interactive`` is False and the session starts its turns by
itself (or from the page, with ``--web``).
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading


class Keys:
    """A context manager; ``get()`` returns the next key typed, or None."""

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stdin
        self._queue: queue.Queue[str] = queue.Queue()
        self._stop = threading.Event()
        self._saved = None
        self._thread: threading.Thread | None = None
        try:
            import termios  # noqa: F401
            import tty  # noqa: F401

            self.interactive = bool(self.stream) and self.stream.isatty()
        except (ImportError, ValueError, AttributeError):
            self.interactive = False

    def __enter__(self) -> Keys:
        if self.interactive:
            import termios
            import tty

            fd = self.stream.fileno()
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)  # keys one by one, no echo; Ctrl-C still sends SIGINT
            self._thread = threading.Thread(target=self._read, args=(fd,), daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)  # it looks at the stop flag every tenth of a second
        if self._saved is not None:
            import termios

            # The terminal may be gone (hung up): nothing left to restore then.
            with contextlib.suppress(termios.error, OSError, ValueError):
                termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved)
            self._saved = None

    def _read(self, fd: int) -> None:
        import select

        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([fd], [], [], 0.1)
                if not ready:
                    continue
                data = os.read(fd, 32)
            except (OSError, ValueError):  # the terminal went away: no more keys
                return
            if not data:
                return
            text = data.decode("utf-8", "replace")
            if text.startswith("\x1b"):  # arrows and other escape sequences: not ours
                continue
            for key in text:
                self._queue.put(key)

    def get(self) -> str | None:
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            return None


# What each key does in the terminal (the page has its own keys: see web/static/dojo.js).
ACTIONS = {
    " ": "pause",
    "p": "pause",
    "+": "extend",
    "e": "extend",
    "s": "skip",
    "n": "rotate",
    "q": "finish",
}
ENTER = ("\r", "\n")
BETWEEN_TURNS = ("s", "+", "e", "q")  # what else a key does while nobody drives


def action_for(key: str, phase: str) -> str | None:
    """The session action of ``key`` in ``phase``.

    Between turns only Enter starts the next turn: starting is a deliberate act, and a
    stray key (a cat, a presenter's clicker) must not start anyone's time.
    """
    from katas.dojo.model import OVER, TIME_UP, WAITING

    key = key.lower() if key.isalpha() else key
    if phase in (WAITING, TIME_UP):
        if key in ENTER:
            return "start"
        return ACTIONS[key] if key in BETWEEN_TURNS else None
    if phase == OVER:
        return None
    return ACTIONS.get(key)
