"""Time `tox -m mine` (your katas on every supported Django, one table), median of N runs.

    python benchmarks/tox_mine.py [--runs N] [--only created|unchanged|nothing]

Three cases, each in a tox work folder of its own (never this checkout's .tox):

- created: the envs exist, every kata is judged (each env's stored verdicts removed):
  the table after a learner changed every kata; target: under 90 s;
- unchanged: the envs exist and nothing changed since the last run (stored verdicts
  reused): the table when a learner looks again;
- nothing: created from nothing (a new work folder each run; uv's download cache is
  kept, as on a learner's machine after `pip install`); target: under 6 minutes.

Each run must exit 0 and leave a table with every Django judged that this machine has
a Python for. Uses this checkout's tox (`pip install -e ".[dev]"`), PYENV_VERSION as
set (default: every Python the course supports, as in .ci/run), and never lets uv
download a Python.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from katas.harness import mine  # noqa: E402

TARGETS = {"created": 90.0, "unchanged": None, "nothing": 360.0}


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYENV_VERSION", "3.11.7:3.10.13:3.12.1:3.13.0")
    env["UV_PYTHON_DOWNLOADS"] = "never"
    return env


def tox_mine(workdir: Path) -> float:
    """Run `tox -m mine` in ``workdir``; return its wall time, after checking its table."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tox", "--workdir", str(workdir), "-m", "mine"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment(),
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"tox -m mine failed ({done.returncode}):\n{done.stdout[-4000:]}{done.stderr}")
    newest = max((workdir / "mine").iterdir(), key=lambda p: p.stat().st_mtime)
    table = mine.build(mine.read_run(newest))
    judged = [c.django for c in table.columns if c.judged]
    if not judged or any(not c.judged and c.head.startswith("env") for c in table.columns):
        sys.exit(f"tox -m mine judged nothing, or an env broke:\n{mine.render(table)}")
    return took


def forget_verdicts(workdir: Path) -> None:
    for store in workdir.glob("mine-django*/katas-store"):
        shutil.rmtree(store)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=list(TARGETS), action="append")
    args = parser.parse_args(argv)
    cases = args.only or list(TARGETS)
    print(f"{os.cpu_count()} cores, PYENV_VERSION={environment()['PYENV_VERSION']}", flush=True)
    found = {}
    with tempfile.TemporaryDirectory(prefix="tox-mine-bench-") as scratch:
        warm = Path(scratch) / "warm"
        if {"created", "unchanged"} & set(cases):
            print(f"warm-up (creates the envs): {tox_mine(warm):.1f} s", flush=True)
        for case in cases:
            times = []
            for n in range(args.runs):
                if case == "nothing":
                    workdir = Path(scratch) / f"nothing-{n}"
                else:
                    workdir = warm
                    if case == "created":
                        forget_verdicts(warm)
                    else:
                        tox_mine(warm)  # whatever ran before: now nothing changed
                before = load()
                times.append(tox_mine(workdir))
                print(f"{case} run {n + 1}: {times[-1]:.1f} s (load {before})", flush=True)
                if case == "nothing":
                    shutil.rmtree(workdir, ignore_errors=True)
            found[case] = statistics.median(times)
    print("\n| case | median | target |\n| --- | --- | --- |")
    for case, median in found.items():
        target = TARGETS[case]
        verdict = (
            "" if target is None else f"{target:.0f} s: {'met' if median < target else 'MISSED'}"
        )
        print(f"| {case} | {median:.1f} s | {verdict} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
