"""Plain ``pytest`` on the katas: judged by the checker, shown as pytest's own.

In a delegated session (:mod:`katas.harness.plugin`) this process runs no learner
code. :class:`Delegation` starts one checker job per kata the session's arguments
name, as soon as collection starts (two at a time), forwarding the options that
change what runs or how a failure reads (``-k``, ``-m``, ``-x``, ``--tb``, ``-v``...).
Each kata test module becomes a :class:`ReplayModule` whose items are the tests its
child collected; running an item replays the child's reports for it, so the
terminal, ``-x``, ``--lf``, the brief summary and ``--katas-report`` all work on
them as on any test. A test the child never finished (a hard time limit, an
``os._exit()``) fails with the checker's account of why.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from _pytest.reports import TestReport

from katas.harness import catalogue, internals, report, targets
from katas.harness.checker import Checker


def _forwarded_options(config) -> list[str]:
    """Return the session's options that a child must use too, as command-line words."""
    option = config.option
    words = []
    if option.keyword:
        words += ["-k", option.keyword]
    if option.markexpr:
        words += ["-m", option.markexpr]
    if option.maxfail:
        words += [f"--maxfail={option.maxfail}"]
    if option.tbstyle and option.tbstyle != "auto":
        words += [f"--tb={option.tbstyle}"]
    if option.verbose > 0:
        words += ["-" + "v" * option.verbose]
    if option.showlocals:
        words += ["-l"]
    if getattr(option, "fulltrace", False):
        words += ["--full-trace"]
    if getattr(option, "runxfail", False):
        words += ["--runxfail"]
    if option.collectonly:
        words += ["--collect-only"]
    for warning in option.pythonwarnings or ():
        words += ["-W", warning]
    return words


def _paths_for(kata: catalogue.Kata, args) -> list[str] | None:
    """Return the paths or node ids of ``kata``'s tests that ``args`` name; None for none.

    An argument that holds the kata's tests (``tests``, ``.``) names all of them.
    """
    found = []
    for arg in args:
        path = Path(str(arg).split("::")[0]).resolve()
        if path == kata.tests_path or kata.tests_path in path.parents:
            rest = str(arg)[len(str(arg).split("::")[0]) :]
            found.append(path.relative_to(catalogue.ROOT).as_posix() + rest)
        elif path in kata.tests_path.parents:
            return [kata.tests]
    return found or None


class KataRun:
    """One kata's job for this session: its ticket, then its run and its reports by test."""

    def __init__(self, kata: catalogue.Kata, ticket):
        self.kata = kata
        self.ticket = ticket
        self.run: report.Run | None = None
        self.collected: list[dict] = []
        self.reports: dict[str, list] = {}
        self.collect_errors: dict[str, object] = {}


class Delegation:
    """Hand the session's kata tests to the checker, and replay what its children report."""

    def __init__(self, config, session, recorder=None):
        self.config = config
        self.session = session
        self.recorder = recorder
        self.checker: Checker | None = None
        self.katas: dict[str, KataRun] = {}
        self.pending: list[tuple[catalogue.Kata, list[str]]] = []

    @pytest.hookimpl(wrapper=True)
    def pytest_collection(self, session):
        args = [str(a) for a in self.config.args]
        for kata in catalogue.load():
            paths = _paths_for(kata, args)
            if paths is not None:
                self.pending.append((kata, paths))
        if self.pending:
            self.checker = self.session.checker or Checker()
            # Two children at a time from the start; the rest as collection needs them.
            for _ in range(self.checker.parallel):
                self._start_next()
        try:
            return (yield)
        finally:
            self._import_for_other_tests(session)

    def _start_next(self) -> None:
        if not self.pending:
            return
        kata, paths = self.pending.pop(0)
        ticket = self.checker.submit(
            kata.slug,
            self.session.target,
            paths=paths,
            options=_forwarded_options(self.config),
            stream=True,
            limits=self.session.limits,
        )
        self.katas[kata.slug] = KataRun(kata, ticket)

    def _import_for_other_tests(self, session) -> None:
        # The real-services suite (tests/services) runs here, and needs the receivers.
        from katas.harness.loading import imports
        from katas.harness.plugin import SERVICES_TESTS

        if any(SERVICES_TESTS in Path(item.path).parents for item in session.items):
            imports.import_deferred()

    def result(self, kata: catalogue.Kata) -> KataRun:
        """Return ``kata``'s finished job, waiting for it (and starting it) if need be."""
        while kata.slug not in self.katas and self.pending:
            self._start_next()
        known = self.katas[kata.slug]
        try:
            # Keep two children busy: a job that ends while this one runs makes way at once.
            while known.run is None and not self.checker.poll(known.ticket):
                self._refill()
                time.sleep(0.005)
            if known.run is None:
                self._finish(known)
        except KeyboardInterrupt:
            print(f"\nInterrupted while {self.checker.interrupt(known.ticket)}", file=sys.stderr)
            raise
        self._refill()
        return known

    def _refill(self) -> None:
        """Collect every job that ended, and start as many pending ones as there is room for."""
        for other in list(self.katas.values()):
            if other.run is None and self.checker.poll(other.ticket):
                self._finish(other)
        running = sum(k.run is None for k in self.katas.values())
        for _ in range(self.checker.parallel - running):
            self._start_next()

    def _finish(self, known: KataRun) -> None:
        known.run = self.checker.wait(known.ticket)
        self._index(known, known.ticket.events)
        if self.recorder is not None:
            self.recorder.broken.update(known.run.broken)

    def _index(self, known: KataRun, events: list[dict]) -> None:
        for event in events:
            if event["event"] == "collected":
                known.collected = event["items"]
            elif event["event"] == "report":
                rep = internals.deserialise_report(self.config, event["report"])
                if isinstance(rep, TestReport):
                    known.reports.setdefault(rep.nodeid, []).append(rep)
                elif rep.failed:
                    known.collect_errors[rep.nodeid] = rep.longrepr
        if not known.collected:  # the child died before collecting: judge from the run
            known.collected = [
                {"nodeid": t.nodeid, "location": None, "task": t.task, "markers": []}
                for t in known.run.tests
            ]

    def pytest_pycollect_makemodule(self, module_path, parent):
        kata = catalogue.kata_for_path(Path(module_path))
        if kata is None or kata.slug not in {k for k, _ in self._named()}:
            return None
        return ReplayModule.from_parent(parent, path=Path(module_path), kata=kata, delegation=self)

    def _named(self):
        yield from ((k.slug, None) for k, _ in self.pending)
        yield from ((slug, None) for slug in self.katas)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item, nextitem):
        if not isinstance(item, ReplayItem):
            return None
        item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        for rep in item.reports():
            item.ihook.pytest_runtest_logreport(report=rep)
        item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True

    def pytest_unconfigure(self, config):
        for checker in {self.checker, self.session.checker} - {None}:
            checker.close()


class ReplayModule(pytest.File):
    """A kata test module whose tests a checker child collected and ran."""

    def __init__(self, *, kata, delegation, **kwargs):
        super().__init__(**kwargs)
        self.kata = kata
        self.delegation = delegation

    def collect(self):
        known = self.delegation.result(self.kata)
        if self.nodeid in known.collect_errors:
            raise pytest.Collector.CollectError(str(known.collect_errors[self.nodeid]))
        prefix = self.nodeid + "::"
        mine = [i for i in known.collected if i["nodeid"].startswith(prefix)]
        if not mine and not known.collected:
            # The child judged nothing here: one test says why (its code, or the check itself).
            name = "test_learner_code_imports" if known.run.broken else "test_the_check_ran"
            mine = [{"nodeid": prefix + name, "task": None}]
        for info in mine:
            yield ReplayItem.from_parent(
                self, name=info["nodeid"][len(prefix) :], info=info, known=known
            )


class ReplayItem(pytest.Item):
    """One test a checker child ran: running it replays the child's reports."""

    def __init__(self, *, info, known, **kwargs):
        super().__init__(**kwargs)
        self.info = info
        self.known = known
        if info.get("task") is not None:
            self.add_marker(pytest.mark.task(info["task"]))
        for name in info.get("markers", ()):
            if name != "task":
                self.add_marker(getattr(pytest.mark, name))

    def reportinfo(self):
        location = self.info.get("location")
        if location:
            return location[0], location[1], location[2]
        return self.path, None, self.name

    def runtest(self):  # pragma: no cover - the delegation's protocol replays instead
        raise RuntimeError("a replayed test is never run here")

    def reports(self) -> list:
        """Return the child's reports for this test, completed with why it stopped if it did."""
        found = list(self.known.reports.get(self.nodeid, ()))
        result = next((t for t in self.known.run.tests if t.nodeid == self.nodeid), None)
        stopped = result is not None and result.outcome in (report.FAILED, report.ERROR)
        if found and not (stopped and not any(r.failed for r in found)):
            return found
        # The child stopped in this test (or before it): its own reports end early.
        broken = self.known.run.broken.get(self.known.kata.slug)
        if result is not None and result.outcome == report.PASSED:
            message, outcome = "", "passed"
        elif result is not None:
            message, outcome = result.message, "failed"
        elif broken is not None:
            message = (
                f"Your code for kata {self.known.kata.slug!r} does not import, so none of its "
                f"tests can run.\n  {broken.describe()}\n\n{broken.details}"
            )
            outcome = "failed"
        else:
            message = "This test did not run: " + report.why_unjudged(self.known.run)
            outcome = "failed"
        sections = []
        if outcome == "failed" and self.known.run.target == targets.KATAS:
            from katas.harness.plugin import where_to_look

            sections = [("Where to look", where_to_look(self.known.kata, self.info.get("task")))]
        return [r for r in found if r.when == "setup" and r.passed] + [
            TestReport(
                self.nodeid,
                self.location,
                {self.name: 1},
                outcome,
                message or None,
                "call",
                sections,
                katas_slug=self.known.kata.slug,
                katas_task=self.info.get("task"),
                katas_exception="Failed" if outcome == "failed" else None,
            )
        ]
