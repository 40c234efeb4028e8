"""Keep each kata's receivers in its own tests, and its tests from leaking receivers.

All katas share Django's signals. A receiver a learner connected to every sender
(and that raises) would otherwise fail tests of katas it has nothing to do with.

A receiver belongs to the kata whose import connected it: :func:`claim` records the
receivers each kata's learner modules connected (whatever the callable: a function,
a ``functools.partial``, a bound method). Receivers connected elsewhere belong to
the kata named by their module (``katas.<slug>.*`` or ``tests.<slug>.*``), if any.
While a kata's test runs, other katas' receivers are taken off every signal; while
the test database is set up, every kata's receivers are (a learner's
``post_migrate`` receiver must not break the database the other katas need).
"""

from __future__ import annotations

import sys
import weakref
from contextlib import contextmanager

from django.dispatch import Signal

from katas.harness import internals

# id(entry) -> (entry, slug): the receivers each kata's import connected. The entry
# is kept, so its id cannot be reused by another object.
_claimed: dict[int, tuple[tuple, str]] = {}

# Libraries whose modules connect their own receivers when first imported.
LIBRARIES = ("django.", "celery.", "kombu.", "factory.", "model_bakery.", "pytest_django.")


def _signals_in(module_names) -> list[Signal]:
    found = []
    for name in module_names:
        module = sys.modules.get(name)
        for value in list(getattr(module, "__dict__", {}).values()):
            # type(), not isinstance(): isinstance would set up lazy objects (settings, storages).
            if issubclass(type(value), Signal) and all(value is not s for s in found):
                found.append(value)
    return found


_cached: tuple[int, list[Signal]] = (-1, [])


def all_signals() -> list[Signal]:
    """Return Django's signals and every signal a kata or test module defines."""
    global _cached
    if _cached[0] == len(sys.modules):  # no module imported since: the same signals
        return _cached[1]
    found = _signals_in(
        n for n in list(sys.modules) if n.startswith(("django.", "katas.", "tests."))
    )
    _cached = (len(sys.modules), found)
    return found


def connected() -> set[int]:
    """Return the ids of every receiver entry connected now, on every known signal."""
    return {id(entry) for signal in all_signals() for entry in signal.receivers}


def claim(slug: str, before: set[int]) -> None:
    """Record that the entries connected since ``before`` (see :func:`connected`) are ``slug``'s."""
    for signal in all_signals():
        for entry in signal.receivers:
            if id(entry) not in before and id(entry) not in _claimed:
                _claimed[id(entry)] = (entry, slug)


def _receiver(entry):
    receiver = entry[1]
    return receiver() if isinstance(receiver, weakref.ReferenceType) else receiver


def _module_of(receiver) -> str:
    target = getattr(receiver, "func", receiver)  # functools.partial
    target = getattr(target, "__func__", target)  # bound methods
    return getattr(target, "__module__", None) or ""


def owner(entry) -> str | None:
    """Return the kata slug a receiver entry belongs to, or None if no kata's."""
    claimed = _claimed.get(id(entry))
    if claimed is not None and claimed[0] is entry:
        return claimed[1]
    parts = _module_of(_receiver(entry)).split(".")
    if len(parts) >= 2 and parts[0] in ("katas", "tests"):
        return parts[1]
    return None


@contextmanager
def _without(drop_if):
    """Within the block, take off every signal the entries for which ``drop_if(slug)`` is true."""
    removed: list[tuple[Signal, list]] = []
    for signal in all_signals():
        keep, drop = [], []
        for entry in signal.receivers:
            (drop if drop_if(owner(entry)) else keep).append(entry)
        if drop:
            internals.set_receivers(signal, keep)
            removed.append((signal, drop))
    try:
        yield
    finally:
        for signal, drop in removed:
            internals.set_receivers(signal, signal.receivers + drop)


def only_receivers_of(slug: str, known_slugs: set[str]):
    """Within the block, disconnect receivers that belong to katas other than ``slug``."""
    return _without(lambda kata: kata in known_slugs and kata != slug)


def disconnect_kata_receivers(known_slugs: set[str]) -> None:
    """Disconnect every kata's receivers for good (the session is ending)."""
    for signal in all_signals():
        keep = [e for e in signal.receivers if owner(e) not in known_slugs]
        if len(keep) != len(signal.receivers):
            internals.set_receivers(signal, keep)


def no_kata_receivers(known_slugs: set[str]):
    """Within the block, disconnect every kata's receivers (test database setup)."""
    return _without(lambda kata: kata in known_slugs)


@contextmanager
def silenced(signal: Signal):
    """Within the block, ``signal`` has no receivers; they are all back after it."""
    saved = list(signal.receivers)
    internals.set_receivers(signal, [])
    try:
        yield
    finally:
        internals.set_receivers(signal, saved + signal.receivers)


def snapshot() -> dict[Signal, list]:
    """Return each signal's live receiver entries, to compare after a test."""
    return {
        signal: [e for e in signal.receivers if _receiver(e) is not None]
        for signal in all_signals()
    }


def _name(entry) -> str:
    receiver = _receiver(entry)
    target = getattr(receiver, "func", receiver)
    return getattr(target, "__qualname__", None) or repr(receiver)


def leaks(before: dict[Signal, list]) -> list[str]:
    """Put every signal's receivers back as in ``before``; return what had changed, as sentences.

    Entries are compared by their lookup key (Django reconnects some of its own
    receivers around test requests, as new entries with the same key). Receivers of
    the libraries (Django's own, Celery's) are not counted.
    """
    found = []
    for signal, entries in snapshot().items():
        ours = [e for e in entries if not _module_of(_receiver(e)).startswith(LIBRARIES)]
        old = [
            e for e in before.get(signal, []) if not _module_of(_receiver(e)).startswith(LIBRARIES)
        ]
        old_keys, new_keys = {e[0] for e in old}, {e[0] for e in ours}
        added = [e for e in ours if e[0] not in old_keys]
        # An entry whose receiver was garbage-collected meanwhile was not disconnected.
        removed = [e for e in old if e[0] not in new_keys and _receiver(e) is not None]
        if not added and not removed:
            continue
        name = _signal_name(signal)
        found += [f"{_name(e)} was connected to {name} and left connected" for e in added]
        found += [f"{_name(e)} was disconnected from {name} and not reconnected" for e in removed]
        kept = [e for e in signal.receivers if all(e is not a for a in added)]
        internals.set_receivers(signal, kept + removed)
    return found


def _signal_name(signal: Signal) -> str:
    for name, module in list(sys.modules.items()):
        if name.startswith(("django.", "katas.", "tests.")):
            for attribute, value in list(getattr(module, "__dict__", {}).items()):
                if value is signal:
                    return attribute
    return repr(signal)
