"""One check of one kata: what to run, and the files its child writes.

A :class:`Job` is made by the checker's parent, sent to the server as JSON, and read
by the child that runs it. Everything a check needs travels in it: no environment
variable and no module global carries the hand-off.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from katas.harness.limits import Limits


@dataclass(frozen=True)
class Job:
    """Run one kata's tests against one target, in a child, within limits."""

    kata: str  # the kata's slug
    target: str  # katas, shipped, solutions, or a gallery entry's path
    folder: Path  # where the child writes its files; the parent's, removed after
    # Test paths or node ids within the kata's tests (default: all of them).
    paths: tuple[str, ...] = ()
    # More pytest options: plain pytest forwards its own (-k, -x, --tb, -v...).
    options: tuple[str, ...] = ()
    # True: the child also writes each pytest report, whole, for plain pytest to replay.
    stream: bool = False
    limits: Limits = field(default_factory=Limits)
    # On a database server, children running side by side use test databases of their
    # own: the slot says which.
    slot: int = 0
    # True when the slot's last job ended badly (killed mid-test): empty its databases first.
    flush: bool = False
    # A folder whose modules stand in for the kata's story modules (not its learner
    # files), relative to the repository: the broken versions a learner's tests must catch.
    overlay: str = ""

    @property
    def events_path(self) -> Path:
        return self.folder / "events.jsonl"

    @property
    def output_path(self) -> Path:
        return self.folder / "output.txt"

    @property
    def where_path(self) -> Path:
        """Where the child writes every thread's stack when its parent asks (SIGUSR1)."""
        return self.folder / "where.txt"

    @property
    def stuck_path(self) -> Path:
        """Where the hard time limit writes every thread's stack before it ends the child."""
        return self.folder / "stuck.txt"

    def to_json(self) -> str:
        return json.dumps(
            {
                "kata": self.kata,
                "target": self.target,
                "folder": str(self.folder),
                "paths": list(self.paths),
                "options": list(self.options),
                "stream": self.stream,
                "limits": self.limits.to_dict(),
                "slot": self.slot,
                "flush": self.flush,
                "overlay": self.overlay,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Job:
        data = json.loads(text)
        return cls(
            kata=data["kata"],
            target=data["target"],
            folder=Path(data["folder"]),
            paths=tuple(data["paths"]),
            options=tuple(data["options"]),
            stream=bool(data["stream"]),
            limits=Limits.from_dict(data["limits"]),
            slot=int(data["slot"]),
            flush=bool(data.get("flush", False)),
            overlay=str(data.get("overlay", "")),
        )
