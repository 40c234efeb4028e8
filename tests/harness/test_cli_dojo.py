"""`python -m katas dojo`, run end to end on a throw-away copy of the repository."""

import os
import re
import select
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.test import RequestFactory

from katas.dojo import model
from katas.dojo.rotation import Rotation
from katas.dojo.session import Session
from katas.dojo.web import views
from katas.harness import catalogue

FIRST = catalogue.load()[0]


def test_a_short_dojo_shows_the_kata_rotates_and_saves_its_retrospective(katas_repo):
    # Turns of the shortest length (15 s); the dojo is stopped once turn 2 has begun.
    process = subprocess.Popen(
        [sys.executable, "-m", "katas", "dojo", "1", "--turn", "0.25", "--turns", "3"]
        + ["--people", "Ana,Ben,Caro", "--retro", "retro.md"],
        cwd=katas_repo.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,  # no terminal: the turns start by themselves
    )
    seen = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            seen.append(line)
            if not line or line.startswith("Turn 2:"):
                break
        process.send_signal(signal.SIGTERM)
        rest, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    out = "".join(seen) + rest

    assert process.returncode == 0, errors
    assert "Traceback" not in errors
    assert FIRST.tasks[0].title in out
    assert "Rotation: Ana, Ben, Caro (the last name navigates turn 1)" in out
    assert "Turn 1: Ana drives, Caro navigates" in out
    assert "Time! Rotate! Turn 2" in out
    assert "Ben drives, Ana navigates" in out
    assert "Retrospective" in out
    saved = (katas_repo.path / "retro.md").read_text()
    assert "| 1 | Ana | Caro | 0:15 |" in saved
    assert "| 2 | Ben | Ana |" in saved


def test_the_page_is_driven_only_by_its_own_posts():
    session = Session(
        FIRST,
        model.Dojo(Rotation(["Ana", "Ben"]), 300),
        checker=lambda kata: None,
    )
    views.bind(session)
    factory = RequestFactory()

    assert views.act(factory.get("/act/start"), "start").status_code == 403
    assert views.act(factory.post("/act/start"), "start").status_code == 403  # another site
    assert session.dojo.phase == model.WAITING
    response = views.act(factory.post("/act/start", headers={"X-Dojo": "1"}), "start")
    assert response.status_code == 200
    assert session.dojo.phase == model.RUNNING


def test_the_page_shows_the_readme_with_its_diagram_for_mermaid():
    html = views.readme(RequestFactory().get("/"), FIRST.slug).content.decode()

    assert f"<h1>{FIRST.title}</h1>" in html
    assert '<pre class="mermaid">sequenceDiagram' in html


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


class Terminal:
    """A pseudo-terminal that a child takes as its controlling terminal, read in the background."""

    def __init__(self, rows=40, columns=110):
        import fcntl
        import pty
        import struct
        import termios

        self.leader, self.follower = pty.openpty()
        fcntl.ioctl(self.follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = bytearray()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)

    def take_as_controlling(self) -> None:  # in the child, before exec
        import fcntl
        import termios

        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    def start_reading(self) -> None:
        os.close(self.follower)
        self._reader.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.leader], [], [], 0.1)
            if ready:
                try:
                    data = os.read(self.leader, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.output.extend(data)

    def text(self) -> str:
        return ANSI.sub("", self.output.decode("utf-8", "replace"))

    def wait_for(self, fragment: str, process, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while fragment not in self.text():
            assert process.poll() is None, f"the dojo ended early:\n{self.text()[-3000:]}"
            assert time.monotonic() < deadline, f"no {fragment!r} on screen:\n{self.text()[-3000:]}"
            time.sleep(0.1)

    def type(self, keys: bytes) -> None:
        os.write(self.leader, keys)

    def close(self) -> None:
        """Close the terminal's window: the kernel hangs up on the dojo (SIGHUP)."""
        self._stop.set()
        self._reader.join(timeout=2)
        os.close(self.leader)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")
@pytest.mark.parametrize("ending", ["window closed", "SIGHUP", "SIGINT", "SIGTERM"])
def test_the_retrospective_is_saved_however_the_terminal_session_ends(katas_repo, ending):
    terminal = Terminal()
    process = subprocess.Popen(
        [sys.executable, "-m", "katas", "dojo", "1", "--turn", "5"]
        + ["--people", "Ana,Ben,Caro", "--retro", "retro.md"],
        cwd=katas_repo.path,
        stdin=terminal.follower,
        stdout=terminal.follower,
        stderr=terminal.follower,
        preexec_fn=terminal.take_as_controlling,
    )
    terminal.start_reading()
    try:
        terminal.wait_for("Ana", process)
        time.sleep(1)  # the keys are read once the screen is up
        terminal.type(b"\r")  # Enter: turn 1 starts
        terminal.wait_for("next: Ben", process)
        if ending == "window closed":
            terminal.close()
        else:
            process.send_signal(getattr(signal, ending))
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if ending != "window closed":
            terminal.close()

    saved = katas_repo.path / "retro.md"
    assert saved.is_file(), (
        f"{ending}: the dojo ended with status {process.returncode} and no retrospective"
    )
    assert "| 1 | Ana | Caro |" in saved.read_text()
    assert process.returncode == 0, f"{ending}: status {process.returncode}"
