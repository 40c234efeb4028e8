"""Time the learner's and the maintainer's loops, as ratios to a bare django.setup().

    python benchmarks/bench.py [--runs N] [--compare PATH] [--only NAME...]

Each command runs N times (default 5) in a fresh process, after one warm-up run, with
bytecode caching on (PYTHONDONTWRITEBYTECODE is removed from the environment:
learners' machines cache bytecode). The table shows the median wall time and its
ratio to the floor, `python -c "import django; django.setup()"` with the project's
settings. With --compare, every command also runs in another checkout of the course
(say, the last release, extracted with `git worktree add`), in the same run and with
the same Python, so the two columns compare fairly on a machine whose speed drifts.
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
PY = sys.executable
WATCH_SAVES = 10

# A learner's save, seen by the watcher, judged by the checker, for each of N saves:
# one latency a line. `thread` runs each check from a background thread, as the dojo does.
WATCH_SCRIPT = """
import sys, threading, time
from katas.cli.saves import Saves
from katas.harness import catalogue, progress
from katas.harness.checker import Checker

kata = catalogue.load()[0]
target = kata.learner_paths()[0]
text = target.read_text()
with Checker(parallel=1) as checker:
    saves = Saves(catalogue.load())
    for n in range(int(sys.argv[1])):
        time.sleep(0.3)
        started = time.perf_counter()
        threading.Timer(0, target.write_text, [text + f"# save {n}\\n"]).start()
        saves.wait()
        if sys.argv[2] == "thread":
            worker = threading.Thread(target=progress.check, args=(checker, kata))
            worker.start()
            worker.join()
        else:
            progress.check(checker, kata)
        print(time.perf_counter() - started, flush=True)
    saves.close()
"""

# The same, for a checkout from before the checker (katas.harness.runner).
OLD_WATCH_SCRIPT = """
import sys, threading, time
from katas.cli import progress
from katas.cli.saves import Saves
from katas.harness import catalogue, runner

runner.warm_up(databases=sys.argv[2] != "thread")
kata = catalogue.load()[0]
target = kata.learner_paths()[0]
saves = Saves(catalogue.load())
text = target.read_text()
for n in range(int(sys.argv[1])):
    time.sleep(0.3)
    started = time.perf_counter()
    threading.Timer(0, target.write_text, [text + f"# save {n}\\n"]).start()
    saves.wait()
    if sys.argv[2] == "thread":
        worker = threading.Thread(target=progress.check, args=(kata,))
        worker.start()
        worker.join()
    else:
        progress.check(kata)
    print(time.perf_counter() - started, flush=True)
"""


def commands(repo: Path) -> dict[str, list[str]]:
    """Return the timed commands, the floor first."""
    pytest = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    katas = [PY, "-m", "katas"]
    return {
        "floor: django.setup()": [PY, "-c", "import django; django.setup()"],
        "pytest tests/first_receiver (one kata)": [*pytest, "tests/first_receiver"],
        "pytest (every kata, as a learner starts)": pytest,
        "pytest --solutions (all katas)": [*pytest, "--solutions"],
        "python -m katas (board, nothing changed)": katas,
        "python -m katas board --fresh (every kata)": [*katas, "board", "--fresh"],
        "python -m katas run first_receiver": [*katas, "run", "first_receiver"],
        "python -m katas verify": [*katas, "verify"],
    }


def environment() -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="katas.settings")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_once(command: list[str], repo: Path) -> float:
    """Run ``command`` once in ``repo``; return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, cwd=repo, env=environment(), capture_output=True, check=False)
    return time.perf_counter() - start


def median_time(command: list[str], repo: Path, runs: int) -> float:
    time_once(command, repo)  # warm the bytecode cache and the page cache
    return statistics.median(time_once(command, repo) for _ in range(runs))


def save_latencies(repo: Path, how: str, saves: int = WATCH_SAVES) -> list[float]:
    """Return the times from each of ``saves`` file saves to the checker's result."""
    new = (repo / "katas" / "harness" / "checker.py").is_file()
    with tempfile.TemporaryDirectory(prefix="katas-bench-") as tmp:
        copy = Path(tmp) / "repo"
        ignore = shutil.ignore_patterns(".git", ".venv", ".tox", "__pycache__", "node_modules")
        shutil.copytree(repo, copy, ignore=ignore)
        done = subprocess.run(
            [PY, "-c", WATCH_SCRIPT if new else OLD_WATCH_SCRIPT, str(saves + 1), how],
            cwd=copy,
            env={**environment(), "PYTHONPATH": str(copy)},
            capture_output=True,
            text=True,
            check=True,
        )
    return [float(line) for line in done.stdout.split()][1:]  # the first warms up


def measure(repo: Path, runs: int, only: list[str]) -> dict[str, float]:
    found = {}
    for name, command in commands(repo).items():
        if name.startswith("floor") or not only or any(o in name for o in only):
            found[name] = median_time(command, repo, runs)
    for how, label in (("main", "watch"), ("thread", "dojo (a check from a thread)")):
        if not only or any(o in label for o in only):
            latencies = save_latencies(repo, how)
            found[f"{label}: save to result, median of {WATCH_SAVES}"] = statistics.median(
                latencies
            )
            found[f"{label}: save to result, worst of {WATCH_SAVES}"] = max(latencies)
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--compare", type=Path, help="another checkout of the course to time too")
    parser.add_argument("--only", nargs="*", default=[], help="time only rows whose name has one")
    args = parser.parse_args(argv)
    repos = [ROOT] + ([args.compare.resolve()] if args.compare else [])
    results = [measure(repo, args.runs, args.only) for repo in repos]
    width = max(len(name) for name in results[0])
    header = f"{'command':<{width}}  median s  x floor"
    if args.compare:
        header += f"   | {args.compare.name}: median s  x floor"
    print(header + f"   ({args.runs} runs each)")
    for name, seconds in results[0].items():
        line = (
            f"{name:<{width}}  {seconds:8.3f}  {seconds / results[0][next(iter(results[0]))]:6.2f}x"
        )
        if args.compare and name in results[1]:
            other = results[1][name]
            line += f"   | {other:8.3f}  {other / results[1][next(iter(results[1]))]:6.2f}x"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
