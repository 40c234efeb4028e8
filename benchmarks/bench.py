"""Time the learner's and the maintainer's loops, as ratios to a bare django.setup().

    python benchmarks/bench.py [--runs N]

Each command runs N times (default 5) in a fresh process, after one warm-up run, with
bytecode caching on (PYTHONDONTWRITEBYTECODE is removed from the environment: learners'
machines cache bytecode). The table shows the median wall time and its ratio to the
floor, `python -c "import django; django.setup()"` with the project's settings.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from katas.harness import catalogue  # noqa: E402

PY = sys.executable


def commands() -> dict[str, list[str]]:
    """Return the timed commands, the floor first."""
    first = catalogue.load()[0]
    pytest = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    katas = [PY, "-m", "katas"]
    return {
        "floor: django.setup()": [PY, "-c", "import django; django.setup()"],
        f"pytest {first.tests} (one kata)": [*pytest, first.tests],
        "pytest --solutions (all katas)": [*pytest, "--solutions"],
        # The board reuses results of unchanged katas: time both of its cases.
        "python -m katas (board, nothing changed)": katas,
        "python -m katas board --fresh (every kata)": [*katas, "board", "--fresh"],
        f"python -m katas run {first.slug}": [*katas, "run", first.slug],
        "python -m katas verify": [*katas, "verify"],
    }


# Runs inside a throw-away copy of the repository: a learner's save, seen by the
# watcher, checked by the warm runner, for each of N saves. Prints one latency a line.
WATCH_SCRIPT = """
import sys, threading, time
from katas.cli import progress
from katas.cli.saves import Saves
from katas.harness import catalogue, runner

runner.warm_up()
kata = catalogue.load()[0]
target = kata.learner_paths()[0]
saves = Saves(catalogue.load())
text = target.read_text()
for n in range(int(sys.argv[1])):
    time.sleep(0.3)
    started = time.perf_counter()
    threading.Timer(0, target.write_text, [text + f"# save {n}\\n"]).start()
    saves.wait()
    progress.check(kata)
    print(time.perf_counter() - started, flush=True)
"""

WATCH_SAVES = 10


def watch_latencies(saves: int = WATCH_SAVES) -> list[float]:
    """Return the times from each of ``saves`` file saves to the warm runner's result."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="katas-bench-") as tmp:
        copy = Path(tmp) / "repo"
        ignore = shutil.ignore_patterns(".git", ".venv", ".tox", "__pycache__")
        shutil.copytree(ROOT, copy, ignore=ignore)
        done = subprocess.run(
            [PY, "-c", WATCH_SCRIPT, str(saves + 1)],
            cwd=copy,
            env=environment(),
            capture_output=True,
            text=True,
            check=True,
        )
    return [float(line) for line in done.stdout.split()][1:]  # the first warms up


def environment() -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="katas.settings")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_once(command: list[str]) -> float:
    """Run ``command`` once in the repository; return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=environment(), capture_output=True, check=False)
    return time.perf_counter() - start


def median_time(command: list[str], runs: int) -> float:
    time_once(command)  # warm the bytecode cache and the page cache
    return statistics.median(time_once(command) for _ in range(runs))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    args = parser.parse_args(argv)
    rows = [(name, median_time(cmd, args.runs)) for name, cmd in commands().items()]
    latencies = watch_latencies()
    rows.append((f"watch: save to result, median of {WATCH_SAVES}", statistics.median(latencies)))
    rows.append((f"watch: save to result, worst of {WATCH_SAVES}", max(latencies)))
    floor = rows[0][1]
    width = max(len(name) for name, _ in rows)
    print(f"{'command':<{width}}  median s  x floor   ({args.runs} runs each)")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:8.3f}  {seconds / floor:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
