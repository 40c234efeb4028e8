"""`.ci/with-services` and `.ci/services` leave nothing behind, however they end.

Each test starts its own PostgreSQL and Redis (Debian's postgresql and redis-server,
which `.ci/services` installs when missing) in a temporary folder of its own, then ends
them: `kill -9` of the wrapper during start-up and while its command runs, or
`.ci/services stop`. Then no process, folder or file of theirs may remain.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from katas.harness import catalogue

CI = catalogue.ROOT / ".ci"
# The command run under the services: it connects to both, says so, and waits.
HOLD = """
import os, sys, time
import psycopg, redis
psycopg.connect(os.environ["DATABASE_URL"]).execute("select 1")
redis.from_url(os.environ["CELERY_BROKER_URL"]).ping()
open(sys.argv[1], "w").write(str(os.getpid()))
time.sleep(600)
"""


def leftovers(folder: Path, owner: int, pids=()) -> list[str]:
    """The live processes of a run: in ``folder``, started for ``owner``, or in ``pids``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue  # a zombie: ended, only waiting for its parent to read its status
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:  # ended meanwhile
            continue
        if (
            str(folder) in command
            or f"KATAS_SERVICES_OWNER={owner}".encode() in environ
            or int(entry.name) in pids
        ):
            found.append(f"{entry.name}: {command[:160]}")
    return found


def wait_for(condition, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"no {what} after {timeout} s", pytrace=False)


def nothing_left(folder: Path, owner: int, pids=(), timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = leftovers(folder, owner, pids)
        files = sorted(str(p) for p in folder.iterdir())
        if not left and not files:
            return
        time.sleep(0.2)
    pytest.fail(f"left behind after {timeout} s:\nprocesses: {left}\nfiles: {files}", pytrace=False)


@pytest.fixture
def tmp():
    """A TMPDIR of its own: the services' folder is made there, and nothing else may be.

    Under /tmp, and open to others' lookups (0711), as /tmp is: as root, the servers run
    as the postgres user, who must reach their folder.
    """
    folder = Path(tempfile.mkdtemp(prefix="katas-test-services-", dir="/tmp"))
    folder.chmod(0o711)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def with_services(tmp: Path, *command: str) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp)}
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "KATAS_SERVICES_DIR"):
        env.pop(name, None)
    return subprocess.Popen(
        [str(CI / "with-services"), *command], env=env, stdin=subprocess.DEVNULL
    )


@pytest.mark.parametrize(
    "moment",
    ["the folder is made", "initdb runs", "PostgreSQL answers, Redis starts"],
)
def test_kill_9_of_the_wrapper_during_start_up_leaves_nothing(tmp, moment):
    wrapper = with_services(tmp, "sleep", "600")
    signs = {
        "the folder is made": lambda: list(tmp.glob("katas-services.*")),
        "initdb runs": lambda: list(tmp.glob("katas-services.*/pg/data")),
        "PostgreSQL answers, Redis starts": lambda: list(tmp.glob("katas-services.*/redis/*")),
    }
    try:
        wait_for(signs[moment], moment)
    finally:
        wrapper.send_signal(signal.SIGKILL)
        wrapper.wait()

    nothing_left(tmp, wrapper.pid)


def test_kill_9_of_the_wrapper_while_its_command_runs_leaves_nothing(tmp, tmp_path):
    ready = tmp_path / "command.pid"
    wrapper = with_services(tmp, sys.executable, "-c", HOLD, str(ready))
    try:
        wait_for(lambda: ready.exists() and ready.read_text(), "command connected to both")
        command = int(ready.read_text())
        folder = next(tmp.glob("katas-services.*"))
        assert leftovers(folder, wrapper.pid), "the services are not running"
    finally:
        wrapper.send_signal(signal.SIGKILL)
        wrapper.wait()

    nothing_left(tmp, wrapper.pid, pids={command})


def test_services_stop_removes_everything_and_the_servers_are_private(tmp):
    script = f"""
        set -e
        eval "$({CI}/services start)"
        echo "$KATAS_SERVICES_DIR"
        echo "$DATABASE_URL"
        echo "$CELERY_BROKER_URL"
        read -r line   # wait for the test
        {CI}/services stop
    """
    env = {**os.environ, "TMPDIR": str(tmp)}
    shell = subprocess.Popen(
        ["bash", "-c", script], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        folder, database_url, broker_url = (shell.stdout.readline().strip() for _ in "abc")
        folder = Path(folder)
        pg_port = int(database_url.rsplit(":", 1)[1].split("/")[0])
        redis_port = int(broker_url.rsplit(":", 1)[1].split("/")[0])

        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / "sock").stat().st_mode) == 0o700
        assert ":" in database_url.split("@")[0].removeprefix("postgres://"), database_url
        assert broker_url.startswith("redis://:"), broker_url
        for port in (pg_port, redis_port):
            assert listening(port) == {"127.0.0.1"}, f"port {port}: {listening(port)}"
        assert redis_refuses_without_password(redis_port)
        assert postgres_refuses_without_password(database_url)
    finally:
        shell.stdin.write("stop\n")
        shell.stdin.close()
        shell.wait(timeout=60)

    assert shell.returncode == 0
    nothing_left(tmp, owner=shell.pid, timeout=5)


def listening(port: int) -> set[str]:
    """The addresses a TCP port listens on (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                if len(address) == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    found.add(f"ipv6 {address}")
    return found


def redis_refuses_without_password(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(b"PING\r\n")
        return connection.recv(200).startswith(b"-NOAUTH")


def postgres_refuses_without_password(url: str) -> bool:
    import psycopg

    user, rest = url.removeprefix("postgres://").split(":", 1)
    without = f"postgres://{user}@{rest.split('@', 1)[1]}"
    try:
        psycopg.connect(without, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        return "password" in str(error)
    return False
