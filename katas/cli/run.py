"""`python -m katas run KATA`: one kata's tests, first failing task first."""

from __future__ import annotations

import os

import pytest

from katas.cli import lookup
from katas.harness import catalogue


def add_arguments(parser):
    # Optional here only so that argparse does not also demand PYTEST_ARG when KATA is
    # missing; lookup.find() refuses a missing kata with the list of katas.
    lookup.add_argument(parser, optional=True)
    parser.add_argument(
        "pytest_args",
        nargs="*",
        metavar="PYTEST_ARG",
        help="passed on to pytest (after --), e.g. -- -x",
    )


def run(args) -> int:
    kata = lookup.find(args.kata)
    os.chdir(catalogue.ROOT)  # pytest finds its configuration (and the plugin) in pyproject.toml
    # The plugin orders tests by task and adds "Where to look" to each failure.
    return int(pytest.main([kata.tests, "--tb=short", "-q", *args.pytest_args]))
