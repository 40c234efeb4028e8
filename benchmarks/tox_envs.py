"""Time each tox env on its own: how long CI's `tox` takes, env by env.

    python benchmarks/tox_envs.py [--fresh] [ENV ...]     # default: tox's env_list

Runs `tox run -e ENV` for one env after another (never in parallel: the figures must
add up to a sequential run) and prints, per env, tox's own split: setup (creating the
env, installing) and commands; a failing env's output is kept in a log. ``--fresh``
creates every env from nothing in a tox work folder of its own, as CI's clean clone
does (uv's download cache is kept); without it, the envs of this checkout's .tox are
reused when they exist. A skipped env (a Python this machine lacks) is reported as
such, never timed as zero.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(
    r"^\s+(?P<env>\S+): (?P<outcome>OK|SKIP|FAIL[^(]*)\s*\((?P<total>[\d.]+)"
    r"(?:=setup\[(?P<setup>[\d.]+)\]\+cmd\[(?P<cmd>[\d.,]+)\])? seconds\)"
)


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYENV_VERSION", "3.11.7:3.10.13:3.12.1:3.13.0")
    env["UV_PYTHON_DOWNLOADS"] = "never"
    return env


def tox(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tox", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment(),
    )


def default_envs() -> list[str]:
    return tox("list", "--no-desc", "-q").stdout.split()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("envs", nargs="*")
    args = parser.parse_args(argv)
    envs = args.envs or default_envs()
    scratch = tempfile.TemporaryDirectory(prefix="tox-envs-bench-") if args.fresh else None
    workdir = ["--workdir", scratch.name] if scratch else []
    print("| env | outcome | setup | commands | total | load before |")
    print("| --- | --- | --- | --- | --- | --- |", flush=True)
    total = 0.0
    for env in envs:
        before = f"{os.getloadavg()[0]:.1f}"
        start = time.perf_counter()
        done = tox("run", *workdir, "-e", env, "--skip-missing-interpreters", "true")
        wall = time.perf_counter() - start
        found = [m for line in done.stdout.splitlines() if (m := SUMMARY.match(line))]
        mine = next((m for m in found if m["env"] == env), None)
        if mine is None or not mine["outcome"].startswith(("OK", "SKIP")):
            log = Path(tempfile.gettempdir()) / f"tox-envs-bench-{env}.log"
            log.write_text(done.stdout + done.stderr)
            print(f"<!-- {env}: its output is in {log} -->")
        if mine is None:
            print(f"| {env} | no summary (exit {done.returncode}) | | | {wall:.0f} s | {before} |")
            continue
        cmd = sum(float(c) for c in (mine["cmd"] or "0").split(","))
        setup = float(mine["setup"] or 0)
        total += wall if mine["outcome"] != "SKIP" else 0
        print(
            f"| {env} | {mine['outcome'].strip()} | {setup:.0f} s | {cmd:.0f} s "
            f"| {wall:.0f} s | {before} |",
            flush=True,
        )
    print(f"\nsum of the envs that ran (wall time, tox's start included): {total:.0f} s")
    if scratch:
        scratch.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
