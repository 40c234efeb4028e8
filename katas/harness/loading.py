"""Import a kata's learner modules from ``AppConfig.ready()`` without risking the others.

All katas share one Django project. A plain ``from . import receivers`` in
``ready()`` would let one learner's SyntaxError stop Django, and with it every
kata's tests. ``import_learner_modules`` imports each module, and when one fails
it records why instead of raising; the pytest plugin then fails that kata's
tests, and only those, with the recorded error.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BrokenModule:
    """Why a learner module could not be imported."""

    module: str
    error: str  # "SyntaxError: invalid syntax"
    filename: str | None
    lineno: int | None
    details: str  # the traceback, trimmed to the learner's own frames

    def location(self) -> str:
        if self.filename is None:
            return self.module
        try:
            shown = Path(self.filename).resolve().relative_to(Path.cwd())
        except ValueError:
            shown = self.filename
        return f"{shown}:{self.lineno}" if self.lineno else str(shown)

    def describe(self) -> str:
        return f"{self.location()}: {self.error}"


# app label -> the first learner module of that kata that failed to import
broken: dict[str, BrokenModule] = {}

# A warm process (`katas watch`) sets Django up once but must not import learner code,
# which changes between checks: it defers the imports, and each forked check runs them.
DEFER_ENV_VAR = "KATAS_DEFER_LEARNER_IMPORTS"
deferred: list[tuple[object, tuple[str, ...]]] = []


def _describe(module: str, exc: BaseException) -> BrokenModule:
    """Summarise ``exc`` for a learner: their file and line, not importlib's."""
    if isinstance(exc, SyntaxError):
        filename, lineno = exc.filename, exc.lineno
        details = "".join(traceback.format_exception_only(type(exc), exc))
    else:
        frames = [
            f for f in traceback.extract_tb(exc.__traceback__) if "importlib" not in f.filename
        ]
        last = frames[-1] if frames else None
        filename = last.filename if last else None
        lineno = last.lineno if last else None
        details = "".join(traceback.format_list(frames)) + "".join(
            traceback.format_exception_only(type(exc), exc)
        )
    error = "".join(traceback.format_exception_only(type(exc), exc)).strip().splitlines()[-1]
    return BrokenModule(module, error, filename, lineno, details.rstrip())


def import_learner_modules(app_config) -> None:
    """Import the kata's learner modules (the catalogue's ``files``), recording the first failure.

    Importing a module is what connects its ``@receiver`` functions, so this
    belongs in ``AppConfig.ready()``. A module that fails is removed from
    ``sys.modules`` so a later import tries again and shows the same error.
    """
    from katas.harness import catalogue

    kata = catalogue.by_slug().get(app_config.label)
    names = tuple(n.removesuffix(".py").replace("/", ".") for n in kata.files) if kata else ()
    _import(app_config, names)


def _import(app_config, names: tuple[str, ...]) -> None:
    if os.environ.get(DEFER_ENV_VAR):
        deferred.append((app_config, names))
        return
    broken.pop(app_config.label, None)
    for name in names:
        module = f"{app_config.name}.{name}"
        try:
            importlib.import_module(module)
        except (Exception, SystemExit) as exc:  # the learner's code: any error, even exit()
            sys.modules.pop(module, None)
            broken[app_config.label] = _describe(module, exc)
            return


def import_deferred() -> None:
    """Import the learner modules whose import was deferred (see DEFER_ENV_VAR)."""
    os.environ.pop(DEFER_ENV_VAR, None)
    while deferred:
        app_config, names = deferred.pop(0)
        _import(app_config, names)
