"""The turn order: each person drives, then navigates, then goes back to the audience."""

from __future__ import annotations

import random


def people_from(text: str | None, pairs: int = 4) -> list[str]:
    """Return the names in ``--people "Ana,Ben,..."``, or "Pair 1".."Pair N" without names."""
    if text is None:
        return [f"Pair {number}" for number in range(1, pairs + 1)]
    return [name.strip() for name in text.split(",") if name.strip()]


def shuffled(people: list[str], seed: int | None = None) -> list[str]:
    """Return ``people`` in a random order (the same order for the same ``seed``)."""
    order = list(people)
    random.Random(seed).shuffle(order)
    return order


class Rotation:
    """Who is at the keyboard now and who comes next.

    In turn 1 the first person drives and the last one navigates. At each rotation
    the driver becomes navigator, the navigator goes back to the audience, and the
    next person in the list comes up to drive. With ``pairs`` (the names are pairs
    of people) the pair at the keyboard drives and navigates itself.
    """

    def __init__(self, people: list[str], pairs: bool = False):
        if not people:
            raise ValueError("a rotation needs at least one person")
        self.people = list(people)
        self.pairs = pairs
        self.index = 0
        self._navigator = None if pairs or len(people) < 2 else self.people[-1]
        self._skips = 0  # people to pass over at the next rotation (absent, or stepped out)

    @property
    def driver(self) -> str:
        return self.people[self.index]

    @property
    def navigator(self) -> str | None:
        return self._navigator

    @property
    def next_driver(self) -> str:
        return self.people[(self.index + 1 + self._skips) % len(self.people)]

    @property
    def next_navigator(self) -> str | None:
        """The navigator of the next turn: today's driver."""
        if self.pairs or len(self.people) < 2:
            return None
        return self.driver

    def skip(self) -> bool:
        """Pass over the next driver (they stepped out); False when nobody else is left."""
        if self._skips + 2 >= len(self.people):
            return False
        self._skips += 1
        return True

    def begin_with_next(self) -> bool:
        """Before turn 1: the next person in the list drives first (the first one is away)."""
        if len(self.people) < 2:
            return False
        self.index = (self.index + 1) % len(self.people)
        if self._navigator is not None:
            self._navigator = self.people[self.index - 1]
        return True

    def advance(self) -> None:
        """Rotate: the next driver comes up, today's driver navigates."""
        self._navigator = self.next_navigator
        self.index = (self.index + 1 + self._skips) % len(self.people)
        self._skips = 0
