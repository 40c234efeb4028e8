"""The `python -m katas` command line (also installed as `katas`).

Each command lives in its own module of this package and exposes
``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys

# command name -> (module, one-line help), in the order `--help` lists them
COMMANDS = {
    "board": ("katas.cli.board", "every kata's state and the next task (the default)"),
    "run": ("katas.cli.run", "run one kata's tests, first failing task first"),
    "watch": ("katas.cli.watch", "rerun a kata on every save; show the next failure only"),
    "hint": ("katas.cli.hint", "one more hint for the first failing task"),
    "reset": ("katas.cli.reset", "back up your files and restore the kata as shipped"),
    "solution": (
        "katas.cli.solution",
        "the reference, the mistakes people make, other ways (spoiler!)",
    ),
    "dojo": ("katas.cli.dojo", "a coding dojo: turn timer, rotation, live tasks, a projector page"),
    "verify": ("katas.cli.verify", "maintainers: every kata red as shipped, green on its solution"),
    "new": ("katas.cli.new", "maintainers: scaffold a new kata, or --check what it still lacks"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m katas",
        description="Learn Django signals by doing: run, watch and check the katas.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(module=module)
        importlib.import_module(module).add_arguments(sub)
    return parser


def _stop(signum, frame):
    # A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends a command like Ctrl-C
    # does: its `finally` blocks run, so its checker's children and folders go too.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return its exit status."""
    from katas.harness import catalogue

    try:
        catalogue.load()
    except catalogue.CatalogueError as error:
        print(f"python -m katas: {error}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.module = COMMANDS["board"][0]
    from katas.cli.lookup import UnknownKata
    from katas.harness import targets

    try:
        targets.from_environment()
    except targets.TargetError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 2
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) == signal.SIG_DFL:
            signal.signal(getattr(signal, name), _stop)
    try:
        return importlib.import_module(args.module).run(args)
    except UnknownKata as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print(file=sys.stderr)  # Ctrl-C at a prompt: give the shell a fresh line
        return 130
