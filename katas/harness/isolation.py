"""Keep one kata's receivers out of every other kata's tests.

All katas share Django's signals. A receiver a learner connected to every
sender (and that raises) would otherwise fail tests of katas it has nothing to
do with. While a kata's test runs, receivers defined in another kata's modules
(``katas.<other>.*`` or ``tests.<other>.*``) are taken off each signal, then put back.
"""

from __future__ import annotations

import sys
import weakref
from contextlib import contextmanager

from django.dispatch import Signal

_django_signals: list[Signal] | None = None


def _signals_in(module_names) -> list[Signal]:
    found = []
    for name in module_names:
        module = sys.modules.get(name)
        for value in list(getattr(module, "__dict__", {}).values()):
            # type(), not isinstance(): isinstance would set up lazy objects (settings, storages).
            if issubclass(type(value), Signal) and all(value is not s for s in found):
                found.append(value)
    return found


def all_signals() -> list[Signal]:
    """Return Django's signals and every signal a kata or test module defines."""
    global _django_signals
    if _django_signals is None:
        _django_signals = _signals_in(n for n in list(sys.modules) if n.startswith("django."))
    ours = _signals_in(n for n in list(sys.modules) if n.startswith(("katas.", "tests.")))
    return _django_signals + [s for s in ours if all(s is not d for d in _django_signals)]


def owner(entry) -> str | None:
    """Return the kata slug that defined a receiver entry, or None if no kata did."""
    receiver = entry[1]
    if isinstance(receiver, weakref.ReferenceType):
        receiver = receiver()
    module = getattr(receiver, "__module__", None) or ""
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] in ("katas", "tests"):
        return parts[1]
    return None


@contextmanager
def only_receivers_of(slug: str, known_slugs: set[str]):
    """Within the block, disconnect receivers that belong to katas other than ``slug``."""
    removed: list[tuple[Signal, list]] = []
    for signal in all_signals():
        with signal.lock:
            keep, drop = [], []
            for entry in signal.receivers:
                kata = owner(entry)
                (drop if kata in known_slugs and kata != slug else keep).append(entry)
            if drop:
                signal.receivers = keep
                signal.sender_receivers_cache.clear()
                removed.append((signal, drop))
    try:
        yield
    finally:
        for signal, drop in removed:
            with signal.lock:
                signal.receivers = signal.receivers + drop
                signal.sender_receivers_cache.clear()
