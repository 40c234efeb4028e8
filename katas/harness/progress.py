"""Where a learner stands on each kata: judged now by the checker, or reused when unchanged."""

from __future__ import annotations

from pathlib import Path

from katas.harness import catalogue, report, results, targets
from katas.harness.checker import Checker


def check(checker: Checker, kata: catalogue.Kata, target: str = targets.KATAS) -> report.KataState:
    """Judge ``kata`` once now, in ``checker``; return its state (watch, dojo)."""
    reason = kata.unavailable_reason()
    if reason:
        return report.unavailable_state(kata, reason)
    return report.state_of(checker.run(kata.slug, target), kata)


def collect(
    katas=None,
    fresh: bool = False,
    target: str = targets.KATAS,
    checker: Checker | None = None,
    store: Path | None = None,
) -> list[report.KataState]:
    """Return one state per kata of ``katas`` (default: all), in course order.

    A kata whose key is unchanged since its last judged run reuses that run
    (:mod:`katas.harness.results`); the others are judged now, each in a child of its
    own. ``fresh`` judges them all. Without a ``checker``, one is started only if
    some kata must be judged (at once when ``fresh``: its server sets Django up while
    the files are read). ``store``: the folder of the stored verdicts (default ``.katas/``).
    """
    katas = catalogue.load() if katas is None else tuple(katas)
    found: dict[str, report.KataState] = {}
    for kata in katas:
        reason = kata.unavailable_reason()
        if reason:
            found[kata.slug] = report.unavailable_state(kata, reason)
    katas = tuple(k for k in katas if k.slug not in found)
    owned = Checker() if fresh and checker is None and katas else None
    try:
        shared = results.shared_digest(target)
        stored = {}
        if shared is not None and not fresh:
            stored = results.load(results.keys_now(katas, target, shared), store)
        for kata in katas:
            if kata.slug in stored:
                found[kata.slug] = report.state_of(stored[kata.slug], kata)
                found[kata.slug].reused = True
        stale = [k for k in katas if k.slug not in stored]
        if stale:
            if checker is None and owned is None:
                owned = Checker()
            runs = (checker or owned).run_many([(kata.slug, target) for kata in stale])
            ran = dict(zip([k.slug for k in stale], runs, strict=True))
            for kata in stale:
                found[kata.slug] = report.state_of(ran[kata.slug], kata)
            # Stored only if nothing shared changed while they ran.
            if shared is not None and results.shared_digest(target) == shared:
                results.save(shared, ran, store)
    finally:
        if owned is not None:
            owned.close()
    return [found[k.slug] for k in catalogue.load() if k.slug in found]
