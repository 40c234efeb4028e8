"""The checker's server: a small single-threaded process that forks one child per job.

:class:`katas.harness.checker.Checker` starts it as ``python -m katas.harness.server
FOLDER``. A fresh process has no thread of its own, so forking from it is safe
whatever the command that owns it runs (watch's file watcher, the dojo's web server
and keyboard reader). It sets Django and the test databases up once; each child
then imports one kata's learner code fresh and runs its tests
(:mod:`katas.harness.child`). Where there is no ``os.fork`` (or with ``--no-fork``),
each child is a fresh ``python -m katas.harness.child`` instead.

The protocol is one JSON object a line. The parent writes ``{"op": "run", "id": N,
"job": ...}`` and ``{"op": "kill", "id": N}``; the server answers ``{"op": "ready"}``
(or ``{"op": "broken", "message": ...}`` if Django cannot start), then
``{"op": "started", "id": N, "pid": P}`` and ``{"op": "ended", "id": N, "code": C}``
for each job. When its input ends, or its owner dies, it kills every child's
process group and removes the checker's folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import traceback
from pathlib import Path

from katas.harness.job import Job


def die_with_parent(sig: int) -> None:
    """Ask Linux to send ``sig`` to this process when its parent dies (elsewhere: nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, sig)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    """Run jobs in children, one child per job, and say when each starts and ends."""

    def __init__(self, folder: Path, fork: bool, answer):
        self.folder = folder
        self.fork = fork and hasattr(os, "fork")
        self.answer = answer
        self.databases = None  # the test databases, once set up
        self.children: dict[int, int] = {}  # pid -> job id
        self.processes: dict[int, subprocess.Popen] = {}

    def start(self, job_id: int, job: Job) -> None:
        """Start ``job`` in a child; answer with its process id (or its end, if it cannot start)."""
        try:
            pid = self._fork(job) if self.fork else self._spawn(job)
        except OSError as error:
            self.answer({"op": "ended", "id": job_id, "code": 3, "error": str(error)})
            return
        with contextlib.suppress(OSError):  # also done in the child: whichever runs first
            os.setpgid(pid, pid)
        self.children[pid] = job_id
        self.answer({"op": "started", "id": job_id, "pid": pid})

    def _fork(self, job: Job) -> int:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            die_with_parent(signal.SIGKILL)
            signal.set_wakeup_fd(-1)
            for signum in (signal.SIGCHLD, signal.SIGTERM):
                signal.signal(signum, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            os.closerange(3, 256)  # the server's pipes are not the child's
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            from katas.harness import child

            child.run(job, self.databases)
        return pid

    def _spawn(self, job: Job) -> int:
        spec = job.folder / "job.json"
        spec.write_text(job.to_json(), encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "katas.harness.child", str(spec)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes[process.pid] = process
        return process.pid

    def kill(self, job_id: int) -> None:
        for pid, known in self.children.items():
            if known == job_id:
                _kill_group(pid)

    def reap(self) -> None:
        """Answer for every child that ended; end what it forked, too."""
        for pid in list(self.children):
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done, status = pid, 0
            if done == 0:
                continue
            _kill_group(pid)
            self.processes.pop(pid, None)
            job_id = self.children.pop(pid)
            self.answer({"op": "ended", "id": job_id, "code": os.waitstatus_to_exitcode(status)})

    def close(self) -> None:
        """Kill every child's process group, reap them, and remove the checker's folder."""
        for pid in list(self.children):
            _kill_group(pid)
        for pid in list(self.children):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.children.clear()
        if self.databases is not None:
            self.databases.tear_down()
        shutil.rmtree(self.folder, ignore_errors=True)


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            continue


def serve(folder: Path, fork: bool, databases: bool, slots: int) -> None:
    """Set up, then serve jobs from stdin until it ends."""
    answer_file = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    log = os.open(folder / "server.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)

    def answer(message: dict) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            answer_file.write(json.dumps(message) + "\n")

    server = Server(folder, fork, answer)
    woken, wake = os.pipe()
    os.set_blocking(wake, False)
    os.set_blocking(woken, False)
    signal.set_wakeup_fd(wake)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    # The owner died (Linux tells with this signal), or asked to stop: clean up.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the owner's to handle
    die_with_parent(signal.SIGTERM)
    if os.getppid() == 1:  # the owner died before that took effect
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        if server.fork:
            from katas.harness import child

            server.databases = child.prepare_django(databases, slots)
            gc.freeze()  # what is imported now is never collected, nor copied, by a child
        answer({"op": "ready", "databases": server.databases is not None})
    except BaseException:  # noqa: BLE001 - a broken project: say why, then serve nothing
        answer({"op": "broken", "message": traceback.format_exc()[-4000:]})
        shutil.rmtree(folder, ignore_errors=True)
        return
    stdin = sys.stdin.fileno()
    pending = b""
    try:
        while True:
            readable, _, _ = select.select([stdin, woken], [], [], 1.0)
            if woken in readable:
                with contextlib.suppress(BlockingIOError):
                    os.read(woken, 4096)
            server.reap()
            if stdin not in readable:
                continue
            chunk = os.read(stdin, 65536)
            if not chunk:
                return
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if line.strip():
                    _handle(server, json.loads(line))
    finally:
        server.close()


def _handle(server: Server, message: dict) -> None:
    if message["op"] == "run":
        server.start(message["id"], Job.from_json(message["job"]))
    elif message["op"] == "kill":
        server.kill(message["id"])


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0])
    slots = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--slots=")), 2)
    serve(folder, fork="--no-fork" not in argv, databases="--no-databases" not in argv, slots=slots)


if __name__ == "__main__":
    main()
