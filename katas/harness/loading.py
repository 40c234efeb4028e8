"""Import a kata's learner modules from ``AppConfig.ready()`` without risking the others.

All katas share one Django project. A plain ``from . import receivers`` in
``ready()`` would let one learner's SyntaxError, ``exit()`` or endless loop stop
Django, and with it every kata's tests. :func:`import_learner_modules` hands each
kata's modules (the catalogue's ``files``) to :data:`imports`, which imports them
within a time limit and, when one fails, records why instead of raising; the
pytest plugin then fails that kata's tests, and only those, with the learner's own
file and line.

A process that judges (a checker child) imports one kata's modules only. A process
that must not run learner code at all (the checker's server, which sets Django up
once for its children, and plain pytest's own process, which hands kata tests to
the checker) defers them: :meth:`LearnerImports.defer`.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path

from katas.harness import catalogue, isolation, limits, rules
from katas.harness.report import BrokenModule
from katas.harness.targets import MissingLearnerFile


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
    if isinstance(exc, SyntaxError) and exc.filename and rules.is_learner_frame(exc.filename):
        details = "".join(traceback.format_exception_only(type(exc), exc))
        return BrokenModule(module, error, exc.filename, exc.lineno, details.rstrip())
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if rules.is_learner_frame(f.filename)
    ]
    last = frames[-1] if frames else None
    if isinstance(exc, SystemExit):
        error = f"the module calls exit({exc.code!r}) when imported"
    elif isinstance(exc, limits.TimeLimitExceeded):
        error = f"the import did not finish in {exc.seconds:g} s (an endless loop? stuck here)"
    elif not isinstance(exc, Exception):
        error = f"the module raises {type(exc).__name__} when imported, which ends any program"
    details = "".join(traceback.format_list(frames)) + error
    return BrokenModule(
        module, error, last.filename if last else None, last.lineno if last else None, details
    )


class LearnerImports:
    """Which katas' learner modules this process imports, when, and which ones broke.

    One instance per process (:data:`imports`); its state changes only through its
    methods, called by the process's owner (a checker child, the pytest plugin).
    """

    def __init__(self):
        self.broken: dict[str, BrokenModule] = {}  # app label -> first module that failed
        self._deferred: list[tuple[object, tuple[str, ...]]] = []
        self._defer = False
        self._only: set[str] | None = None  # the katas whose modules are imported (None: all)
        self._limits = limits.Limits()
        self._guard = None  # a checker child's guard: hard limits, progress events

    def defer(self) -> None:
        """Record ``ready()``'s imports instead of running them, until :meth:`import_deferred`."""
        self._defer = True

    def restrict(self, slugs) -> None:
        """Import only the learner modules of the katas ``slugs`` (None: every kata)."""
        self._only = None if slugs is None else set(slugs)

    def guard_with(self, limits_: limits.Limits, guard=None) -> None:
        """Use ``limits_`` for every import, and a checker child's ``guard`` around each."""
        self._limits = limits_
        self._guard = guard

    def failure_of(self, module: str) -> BrokenModule | None:
        """Return the recorded failure of learner module ``module``, if it failed."""
        return next((b for b in self.broken.values() if b.module == module), None)

    def on_ready(self, app_config) -> None:
        """Import (or defer) the kata's learner modules; called from the app's ``ready()``."""
        kata = catalogue.by_slug().get(app_config.label)
        names = tuple(rules.module_name(kata, n) for n in kata.files) if kata else ()
        if self._defer:
            self._deferred.append((app_config, names))
            return
        self._import(app_config, names)

    def import_deferred(self) -> None:
        """Import the learner modules whose import was deferred; stop deferring."""
        self._defer = False
        while self._deferred:
            app_config, names = self._deferred.pop(0)
            self._import(app_config, names)

    def _import(self, app_config, names: tuple[str, ...]) -> None:
        if self._only is not None and app_config.label not in self._only:
            return
        self.broken.pop(app_config.label, None)
        before = isolation.connected()
        try:
            for module in names:
                guard = self._guard.importing(module) if self._guard else nullcontext()
                try:
                    with guard, self._time_limit(), no_queries():
                        importlib.import_module(module)
                # The learner's code may raise anything at import: exit(), an endless loop,
                # KeyboardInterrupt, pytest.skip(), a BaseException of its own.
                except BaseException as exc:  # noqa: BLE001
                    sys.modules.pop(module, None)
                    self.broken[app_config.label] = describe(module, exc)
                    return
        finally:
            isolation.claim(app_config.label, before)

    def _time_limit(self):
        stuck = self._guard.stuck_file if self._guard else None
        return limits.time_limit(
            self._limits.imports, hard_after=self._limits.grace, stuck_file=stuck
        )


imports = LearnerImports()


class QueryAtImport(RuntimeError):
    """A learner module queried the database while it was being imported."""


@contextmanager
def no_queries():
    """Within the block, any query on any database raises :class:`QueryAtImport`.

    A module is imported when Django starts, before any request or test, and maybe
    before the database exists: a query there belongs in the function that needs it.
    """
    from django.db import connections

    def refuse(execute, sql, params, many, context):
        raise QueryAtImport(
            "this module queries the database when it is imported; imports run when Django "
            "starts, before any request or test: query inside the receiver or function instead"
        )

    with ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(refuse))
        yield


def import_learner_modules(app_config) -> None:
    """Import the kata's learner modules (the catalogue's ``files``), recording the first failure.

    Importing a module is what connects its ``@receiver`` functions, so this
    belongs in ``AppConfig.ready()``. A module that fails is removed from
    ``sys.modules``; later imports of it fail at once with the same error.
    """
    imports.on_ready(app_config)
