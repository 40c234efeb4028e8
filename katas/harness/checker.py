"""The checker: the one way every command judges a kata.

    with Checker() as checker:
        run = checker.run("first_receiver", targets.KATAS)

A :class:`Checker` owns a small server process (:mod:`katas.harness.server`) that
sets Django and the test databases up once and forks one child per job; each child
judges one kata against one target (:mod:`katas.harness.child`). Nothing a
learner's code does there can reach the command, another kata, or a later check:

- limits the learner cannot escape: the child's own soft and hard time limits, and
  here, outside its reach, a child that shows no progress for too long is killed;
- ``os._exit()``, a crash, a fork: the run is assembled from what the child wrote as
  it went, naming the test (or the import) and, where it can, the line;
- each job's child has a process group of its own, killed when the job ends.

:meth:`Checker.run` returns the typed :class:`~katas.harness.report.Run`;
:meth:`Checker.submit` starts a job and returns a :class:`Ticket` to
:meth:`~Checker.wait` on or :meth:`~Checker.cancel`. Closing the checker kills its
children and removes their folders. It may be used from several threads.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from katas.harness import catalogue, report
from katas.harness.job import Job
from katas.harness.limits import Limits

# A backstop for a job as a whole; the limits of each import and test are far shorter.
JOB_DEADLINE = 600.0
STOPPED = "stopped"  # why a job has no exit status: the checker killed it


@dataclass
class Ticket:
    """A job under way: its id, its child's process id once started, its end."""

    id: int
    job: Job
    pid: int | None = None
    code: int | None = None
    done: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.monotonic)
    progress: tuple[float, int] = (0.0, -1)  # (when, events file size) last seen growing
    killed_for: str = ""  # why the checker killed it, if it did
    events: list[dict] = field(default_factory=list)  # what its child wrote as it went
    interrupted: str = ""  # what the child was doing when Ctrl-C stopped the wait
    finished_early: bool = False  # the checker ended the child once its report was written


class CheckerClosed(RuntimeError):
    """The checker was closed, or its server died, while a job was under way."""


class Checker:
    """Judge katas in children of one warm server process (see the module's docstring).

    ``parallel`` is how many jobs :meth:`run_many` keeps under way at once. ``fork``
    False makes every child a fresh process (the path taken where there is no fork).
    ``databases`` False leaves the test databases to each child.
    """

    def __init__(self, parallel: int = 2, fork: bool = True, databases: bool = True):
        self.parallel = max(1, parallel)
        self.folder = Path(tempfile.mkdtemp(prefix="katas-check-"))
        command = [sys.executable, "-m", "katas.harness.server", str(self.folder)]
        command += [] if fork and hasattr(os, "fork") else ["--no-fork"]
        command += [] if databases else ["--no-databases"]
        command += [f"--slots={self.parallel}"]
        self._server = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=catalogue.ROOT,
            env=_server_environment(),
            start_new_session=True,  # Ctrl-C in the terminal is ours to handle, not its
        )
        self._ids = itertools.count(1)
        self._tickets: dict[int, Ticket] = {}
        self._lock = threading.Lock()
        self._slots = threading.Lock()
        self._dirty: set[int] = set()  # slots whose last job ended badly
        self._ready = threading.Event()
        self.broken = ""  # why the server could not start, if it could not
        self._closed = False
        self._reader = threading.Thread(target=self._read, name="katas-checker", daemon=True)
        self._reader.start()

    # --- the server's answers ------------------------------------------------------

    def _read(self) -> None:
        for line in self._server.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            op = message.get("op")
            if op == "ready":
                self._ready.set()
            elif op == "broken":
                self.broken = message.get("message", "")
                self._ready.set()
            elif op in ("started", "ended"):
                ticket = self._tickets.get(message.get("id"))
                if ticket is None:
                    continue
                if op == "started":
                    ticket.pid = message["pid"]
                else:
                    ticket.code = message["code"]
                    ticket.done.set()
        # The server is gone: nothing under way will end by itself.
        self._ready.set()
        for ticket in list(self._tickets.values()):
            ticket.done.set()

    def _send(self, message: dict) -> None:
        with self._lock:
            if self._closed:
                raise CheckerClosed("the checker is closed")
            try:
                self._server.stdin.write((json.dumps(message) + "\n").encode())
                self._server.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                raise CheckerClosed("the checker's server is gone") from None

    # --- jobs ----------------------------------------------------------------------

    def submit(
        self,
        kata: str,
        target: str,
        *,
        paths=(),
        options=(),
        stream: bool = False,
        limits: Limits | None = None,
        overlay: str = "",
    ) -> Ticket:
        """Start judging ``kata`` against ``target`` in a child; return its ticket at once."""
        with self._slots:  # one slot per job under way, whatever thread submits
            return self._submit(kata, target, paths, options, stream, limits, overlay)

    def _submit(self, kata, target, paths, options, stream, limits, overlay) -> Ticket:
        ticket_id = next(self._ids)
        folder = self.folder / f"job-{ticket_id}"
        folder.mkdir()
        job = Job(
            kata=kata,
            target=target,
            folder=folder,
            paths=tuple(paths),
            options=tuple(options),
            stream=stream,
            limits=limits or Limits.from_environment(),
            slot=(slot := self._free_slot()),
            flush=slot in self._dirty,
            overlay=overlay,
        )
        self._dirty.discard(slot)
        ticket = Ticket(ticket_id, job)
        self._tickets[ticket_id] = ticket
        self._send({"op": "run", "id": ticket_id, "job": job.to_json()})
        return ticket

    def _free_slot(self) -> int:
        """Return a slot no job under way uses (its test databases), waiting for one if need be."""
        while True:
            used = {t.job.slot for t in list(self._tickets.values()) if not t.done.is_set()}
            free = [slot for slot in range(self.parallel) if slot not in used]
            if free:
                return free[0]
            time.sleep(0.005)

    def wait(self, ticket: Ticket, deadline: float = JOB_DEADLINE) -> report.Run:
        """Wait for ``ticket``'s job to end; return its run, and remove its files.

        A child that shows no progress for longer than its limits allow, or runs past
        ``deadline``, is killed; its run says so. Ctrl-C here kills the child too.
        """
        try:
            while not ticket.done.wait(0.005 if time.monotonic() - ticket.started < 1 else 0.05):
                self._watch(ticket, deadline)
            return self._assemble(ticket)
        except BaseException:
            self.interrupt(ticket)
            raise
        finally:
            self._tickets.pop(ticket.id, None)
            shutil.rmtree(ticket.job.folder, ignore_errors=True)

    def poll(self, ticket: Ticket, deadline: float = JOB_DEADLINE) -> bool:
        """True once ``ticket``'s job ended; meanwhile, keep its limits as :meth:`wait` does."""
        if not ticket.done.is_set():
            self._watch(ticket, deadline)
        return ticket.done.is_set()

    def _watch(self, ticket: Ticket, deadline: float) -> None:
        """Kill ``ticket``'s child if it has been silent, or running, for too long."""
        now = time.monotonic()
        try:
            size = ticket.job.events_path.stat().st_size
        except OSError:
            size = 0
        if size != ticket.progress[1]:
            ticket.progress = (now, size)
            if ticket.pid is not None and _reported(ticket):
                # Its report is written: what is left (pytest's goodbyes, Django closing its
                # connections) judges nothing. Ending it now saves the wait.
                ticket.finished_early = True
                self._kill(ticket)
                return
        silence = ticket.job.limits.silence
        if ticket.pid is not None and now - ticket.progress[0] > silence:
            ticket.killed_for = f"it showed no progress for {silence:g} s"
            self._kill(ticket)
        elif now - ticket.started > deadline:
            ticket.killed_for = f"it ran longer than {deadline:g} s"
            self._kill(ticket)

    def _kill(self, ticket: Ticket) -> None:
        if ticket.pid is not None and not ticket.done.is_set() and not ticket.finished_early:
            _ask_where(ticket)
        if ticket.pid is not None:
            for kill in (os.killpg, os.kill):
                with contextlib.suppress(OSError):
                    kill(ticket.pid, signal.SIGKILL)
        try:
            self._send({"op": "kill", "id": ticket.id})
        except CheckerClosed:
            ticket.done.set()

    def interrupt(self, ticket: Ticket) -> str:
        """Stop ``ticket``'s job (Ctrl-C); return what its child was doing, and where."""
        if not ticket.interrupted:
            self.cancel(ticket)
            ticket.interrupted = doing(ticket.job, read_events(ticket.job.events_path, ticket.pid))
        return ticket.interrupted

    def cancel(self, ticket: Ticket) -> None:
        """Stop ``ticket``'s job now (its run is not wanted any more)."""
        if not ticket.done.is_set():
            ticket.killed_for = ticket.killed_for or "it was cancelled"
            self._kill(ticket)

    def run(self, kata: str, target: str, **options) -> report.Run:
        """Judge ``kata`` against ``target`` now; return the run."""
        return self.wait(self.submit(kata, target, **options))

    def run_many(self, jobs) -> list[report.Run]:
        """Run each ``(kata, target)`` of ``jobs``, :attr:`parallel` at a time; runs in order."""
        jobs = list(jobs)
        runs: list[report.Run | None] = [None] * len(jobs)
        under_way: dict[int, Ticket] = {}
        following = 0
        try:
            while following < len(jobs) or under_way:
                while following < len(jobs) and len(under_way) < self.parallel:
                    kata, target = jobs[following]
                    under_way[following] = self.submit(kata, target)
                    following += 1
                finished = [i for i, t in under_way.items() if self.poll(t)]
                for index in finished:
                    runs[index] = self.wait(under_way.pop(index))
                if not finished:
                    time.sleep(0.005)
        except BaseException:
            for ticket in under_way.values():
                self.cancel(ticket)
                shutil.rmtree(ticket.job.folder, ignore_errors=True)
            raise
        return runs

    def close(self) -> None:
        """Kill every child, stop the server and remove every file the checker made."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(OSError):
                self._server.stdin.close()
        try:
            self._server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()
        self._reader.join(timeout=5)  # it ends at the server's end of output
        with contextlib.suppress(OSError):
            self._server.stdout.close()
        for ticket in list(self._tickets.values()):
            self._kill(ticket)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- from the child's files to a run -------------------------------------------

    def _assemble(self, ticket: Ticket) -> report.Run:
        job = ticket.job
        if not self._ready.is_set() or self.broken:
            return report.Run(job.target, 3, output=self.broken or "the checker did not start")
        events = ticket.events = read_events(job.events_path, ticket.pid)
        run = report.read(job.folder / f"report-{ticket.pid}.json")
        output = _read_text(job.output_path)
        ended_well = ticket.finished_early or ticket.code in (0, 1, 2, 5)
        if run is None or ticket.killed_for or not ended_well:
            self._dirty.add(job.slot)  # it may have left rows behind
        if run is not None and not ticket.killed_for:
            if not run.finished:
                run.output = output
            return run
        return assemble(job, events, ticket.code, ticket.killed_for, output)


def _server_environment() -> dict[str, str]:
    """The server's environment: ours, without what would change its children's runs.

    A job says everything a child runs; pytest options from the environment would
    change the run behind the checker's back, so its children never see them.
    """
    env = dict(os.environ)
    env.pop("PYTEST_ADDOPTS", None)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(catalogue.ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return env


def _reported(ticket: Ticket) -> bool:
    """True once the job's own child wrote its report (its last event is "done")."""
    try:
        with open(ticket.job.events_path, "rb") as events:
            events.seek(max(0, ticket.progress[1] - 300))
            tail = events.read().decode(errors="replace").splitlines()
    except OSError:
        return False
    last = tail[-1] if tail else ""
    return '"event": "done"' in last and f'"pid": {ticket.pid},' in last


def _ask_where(ticket: Ticket) -> None:
    """Ask the child to write its stacks (where it is stuck), and give it a moment to."""
    with contextlib.suppress(OSError):
        os.kill(ticket.pid, signal.SIGUSR1)
        for _ in range(30):
            if ticket.job.where_path.stat().st_size > 0 or ticket.done.is_set():
                return
            time.sleep(0.01)


def doing(job: Job, events: list[dict]) -> str:
    """Say what the child was doing: the module it imported or the test it ran, and where."""
    last = next((e for e in reversed(events) if e["event"] in ("importing", "start")), None)
    where = learner_frame_in(job.where_path)
    if last is None:
        return "starting"
    what = (
        f"importing {last['module']}"
        if last["event"] == "importing"
        else f"running {last['nodeid']}"
    )
    return f"{what} ({where})" if where else what


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def read_events(path: Path, pid: int | None) -> list[dict]:
    """Return the events the job's own child wrote (a process it forked is not believed)."""
    found = []
    for line in _read_text(path).splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and event.get("pid") == pid:
            found.append(event)
    return found


_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')


def stuck_at(job: Job) -> str | None:
    """Return ``path:line`` of the learner's code that the hard time limit caught, if it fired."""
    return learner_frame_in(job.stuck_path)


def learner_frame_in(path: Path) -> str | None:
    """Return ``path:line`` of the innermost learner frame in a faulthandler dump, if any."""
    from katas.harness import rules

    for match in _FRAME.finditer(_read_text(path)):  # most recent call first
        if rules.is_learner_frame(match["file"]):
            try:
                shown = Path(match["file"]).resolve().relative_to(catalogue.ROOT)
            except ValueError:
                shown = match["file"]
            return f"{shown}:{match['line']}"
    return None


def _why_stopped(job: Job, events: list[dict], code: int | None, killed_for: str) -> str:
    """Say, for a learner, why the child stopped in the middle of something."""
    stuck = job.stuck_path.is_file() and job.stuck_path.stat().st_size > 0
    exits = [e for e in events if e["event"] == "exit"]
    if stuck:
        where = stuck_at(job) or "a line the checker could not find"
        return (
            f"did not finish in its time limit, so the check was stopped.\n"
            f"Your code was still running at {where}: an endless loop (one that catches "
            "every exception, or turns off the alarm), or a wait for something that never comes?"
        )
    if exits:
        where = exits[-1].get("where") or "a line the checker could not find"
        return (
            f"ended the whole process: your code calls os._exit({exits[-1].get('code')!r}) at "
            f"{where}. Nothing after it could run; a receiver or service must never end the "
            "program."
        )
    if killed_for:
        where = learner_frame_in(job.where_path)
        at = f" Your code was running at {where}." if where else ""
        return f"was stopped because {killed_for}.{at} An endless loop, or a wait that never ends?"
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else code
        return f"ended the process with signal {name} (a crash, or os.kill of itself)"
    return (
        f"ended the process (exit {code}) without a word: os._exit(), or something "
        "that ends the program?"
    )


def assemble(
    job: Job, events: list[dict], code: int | None, killed_for: str, output: str
) -> report.Run:
    """Return the run of a child that ended before its report: what it judged, and why it stopped.

    The test (or the import) under way when it stopped fails with the reason; the
    tests it collected but never ran fail as not run.
    """
    kata = catalogue.by_slug()[job.kata]
    why = _why_stopped(job, events, code, killed_for)
    snapshots = [e["digest"] for e in events if e["event"] == "snapshot"]
    digests = {job.kata: snapshots[0]} if snapshots else {}
    collected = next((e["items"] for e in events if e["event"] == "collected"), None)
    if collected is None:
        importing = [e["module"] for e in events if e["event"] == "importing"]
        imported = any(e["event"] == "imported" for e in events)
        if not importing or imported:  # it stopped before, or after, the learner's imports
            return report.Run(job.target, code if code else 3, output=output[-3000:] or why)
        module = importing[-1]
        where = stuck_at(job) or next(
            (e.get("where") for e in events if e["event"] == "exit"), None
        )
        filename, _, line = (where or "").rpartition(":")
        broken = report.BrokenModule(
            module,
            f"importing it {why.splitlines()[0]}",
            str(catalogue.ROOT / filename) if filename else None,
            int(line) if line.isdigit() else None,
            why,
        )
        return report.Run(job.target, 1, broken={kata.slug: broken}, digests=digests)
    results = {}
    for event in events:
        if event["event"] == "result":
            test = report.TestResult(**event["test"])
            results[test.nodeid] = test
    started = [e["nodeid"] for e in events if e["event"] == "start"]
    # The test under way when the child stopped: the last one started, if it has no result.
    running = started[-1] if started and started[-1] not in results else None
    tests, told = [], False
    for item in collected:
        nodeid = item["nodeid"]
        if nodeid in results:
            tests.append(results[nodeid])
            continue
        if nodeid == running or (running is None and not told):
            message = f"This test {why}" if nodeid == running else f"Not run: the check {why}"
            told = True
        else:
            message = f"Not run: the check stopped before this test ({why.splitlines()[0]})"
        tests.append(
            report.TestResult(
                nodeid, kata.slug, item.get("task"), report.FAILED, "call", "Failed", message
            )
        )
    return report.Run(job.target, 1, tests=tests, digests=digests)


def pytest_session(args: list[str]) -> int:
    """Run a pytest session in this process, as plain ``pytest`` would; return its status.

    ``katas run`` uses it: the harness's plugin hands the session's kata tests to a
    :class:`Checker` and shows what its children report.
    """
    import pytest

    os.chdir(catalogue.ROOT)  # pytest finds its configuration (and the plugin) in pyproject.toml
    return int(pytest.main(args))
