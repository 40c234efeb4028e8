"""The `python -m katas` command line (also installed as `katas`).

Each command lives in its own module of this package and exposes
``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib

# command name -> (module, one-line help), in the order `--help` lists them
COMMANDS = {
    "verify": ("katas.cli.verify", "maintainers: every kata red as shipped, green on its solution"),
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


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return importlib.import_module(args.module).run(args)
