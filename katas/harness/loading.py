"""Import a kata's learner modules from ``AppConfig.ready()`` without risking the others.

All katas share one Django project. A plain ``from . import receivers`` in
``ready()`` would let one learner's SyntaxError, ``exit()`` or endless loop stop
Django, and with it every kata's tests. :func:`import_learner_modules` imports each
module of the kata (the catalogue's ``files``) within a time limit, and when one
fails it records why (:data:`broken`) instead of raising; the pytest plugin then
fails that kata's tests, and only those, with the learner's own file and line.

It also notes which receivers each kata's import connected, so the harness can
keep them out of other katas' tests (:mod:`katas.harness.isolation`).
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from pathlib import Path

from katas.harness import catalogue, isolation, limits
from katas.harness.report import BrokenModule

# app label -> the first learner module of that kata that failed to import
broken: dict[str, BrokenModule] = {}

# A warm process (`katas watch`) sets Django up once but must not import learner code,
# which changes between checks: it defers the imports, and each forked check runs them.
DEFER_ENV_VAR = "KATAS_DEFER_LEARNER_IMPORTS"
deferred: list[tuple[object, tuple[str, ...]]] = []

# How long a learner module may take to import; a real one takes milliseconds.
IMPORT_LIMIT_ENV_VAR = "KATAS_IMPORT_LIMIT"
DEFAULT_IMPORT_LIMIT = 5.0

HARNESS_DIR = Path(__file__).resolve().parent

# The katas whose tests this process runs (None: all). Only their learner modules are
# imported: another kata's code cannot disturb the run, nor cost it time.
only: set[str] | None = None


class MissingLearnerFile(ImportError):
    """A learner file the catalogue lists is not on disk."""


def _learner_frame(filename: str) -> bool:
    """True for a frame in a kata's or a solution's own code (not Django's, not ours)."""
    path = Path(filename)
    if not path.is_absolute() or HARNESS_DIR in path.parents:
        return False
    return catalogue.KATAS_DIR in path.parents or catalogue.SOLUTIONS_DIR in path.parents


def describe(module: str, exc: BaseException) -> BrokenModule:
    """Summarise ``exc`` for a learner: their file and line, never the harness's or Django's."""
    error = "".join(traceback.format_exception_only(type(exc), exc)).strip().splitlines()[-1]
    if isinstance(exc, MissingLearnerFile):
        slug = module.split(".")[1]
        return BrokenModule(
            module,
            f"{Path(exc.path).name} is missing",
            exc.path,
            None,
            str(exc),
            hint=f"`python -m katas reset {slug}` restores it",
        )
    if isinstance(exc, SyntaxError) and exc.filename and _learner_frame(exc.filename):
        details = "".join(traceback.format_exception_only(type(exc), exc))
        return BrokenModule(module, error, exc.filename, exc.lineno, details.rstrip())
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _learner_frame(f.filename)]
    last = frames[-1] if frames else None
    if isinstance(exc, SystemExit):
        error = f"the module calls exit({exc.code!r}) when imported"
    elif isinstance(exc, limits.TimeLimitExceeded):
        error = f"the import did not finish in {exc.seconds:g} s (an endless loop? stuck here)"
    details = "".join(traceback.format_list(frames)) + error
    return BrokenModule(
        module, error, last.filename if last else None, last.lineno if last else None, details
    )


def import_learner_modules(app_config) -> None:
    """Import the kata's learner modules (the catalogue's ``files``), recording the first failure.

    Importing a module is what connects its ``@receiver`` functions, so this
    belongs in ``AppConfig.ready()``. A module that fails is removed from
    ``sys.modules``; later imports of it fail at once with the same error.
    """
    kata = catalogue.by_slug().get(app_config.label)
    names = tuple(n.removesuffix(".py").replace("/", ".") for n in kata.files) if kata else ()
    _import(app_config, names)


def _import(app_config, names: tuple[str, ...]) -> None:
    if os.environ.get(DEFER_ENV_VAR):
        deferred.append((app_config, names))
        return
    if only is not None and app_config.label not in only:
        return
    broken.pop(app_config.label, None)
    before = isolation.connected()
    try:
        for name in names:
            module = f"{app_config.name}.{name}"
            try:
                with limits.time_limit(
                    limits.seconds_from(IMPORT_LIMIT_ENV_VAR, DEFAULT_IMPORT_LIMIT)
                ):
                    importlib.import_module(module)
            except KeyboardInterrupt as exc:
                where = describe(module, exc).location()
                print(f"\nInterrupted while importing {module} ({where})", file=sys.stderr)
                raise
            # The learner's code may raise anything, even exit() or an endless loop.
            except (Exception, SystemExit, limits.TimeLimitExceeded) as exc:
                sys.modules.pop(module, None)
                broken[app_config.label] = describe(module, exc)
                return
    finally:
        isolation.claim(app_config.label, before)


def import_deferred() -> None:
    """Import the learner modules whose import was deferred (see DEFER_ENV_VAR)."""
    os.environ.pop(DEFER_ENV_VAR, None)
    while deferred:
        app_config, names = deferred.pop(0)
        _import(app_config, names)
