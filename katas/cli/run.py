"""`python -m katas run KATA`: one kata's tests, the first failing task first."""

from __future__ import annotations

import sys

from katas.cli import lookup
from katas.harness import checker, targets


def add_arguments(parser):
    # Optional here only so that argparse does not also demand PYTEST_ARG when KATA is
    # missing; lookup.find() refuses a missing kata with the list of katas.
    lookup.add_argument(parser, optional=True)
    parser.add_argument(
        "--all",
        action="store_true",
        help="show every failing test in full, not only the first one to fix",
    )
    parser.add_argument(
        "pytest_args",
        nargs="*",
        metavar="PYTEST_ARG",
        help="passed on to pytest (after --), e.g. -- -x",
    )


def run(args) -> int:
    kata = lookup.find(args.kata)
    target = targets.from_environment()
    if target != targets.KATAS:
        print(
            f"Testing {targets.describe(target)}, not your files ({targets.ENV_VAR}={target}).",
            file=sys.stderr,
        )
    # The plugin orders tests by task, shows the first failure in full (all of them with
    # --all) and adds "Where to look" to each failure.
    every = ["--tb=short", "-rN"] if args.all else []
    return checker.pytest_session([kata.tests, "-q", *every, *args.pytest_args])
