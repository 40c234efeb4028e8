"""Notice each save of a kata's learner files, from the moment you ask.

watchfiles' ``watch()`` only starts watching when first iterated, so a save made
while the tests run would be lost. ``Saves`` watches from a background thread as
soon as it is created and queues what it sees.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from katas.harness import catalogue


class Saves:
    """The saves of ``kata``'s learner files (editors that save by rename included)."""

    def __init__(self, kata: catalogue.Kata, poll: bool = False):
        import watchfiles

        self._queue: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        wanted = {p.resolve() for p in kata.learner_paths()}

        def pump():
            for batch in watchfiles.watch(
                kata.directory,
                force_polling=poll or None,
                debounce=50,
                step=20,
                stop_event=self._stop,
                raise_interrupt=False,
            ):
                if any(Path(path).resolve() in wanted for _, path in batch):
                    self._queue.put(True)

        self._thread = threading.Thread(target=pump, daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a save (True) or until ``timeout`` seconds pass (False).

        Saves that piled up meanwhile count as one: the next check sees them all.
        """
        try:
            # Short waits keep Ctrl-C responsive in the main thread.
            remaining = timeout
            while True:
                step = 0.25 if remaining is None else min(0.25, remaining)
                try:
                    self._queue.get(timeout=step)
                    break
                except queue.Empty:
                    if remaining is not None:
                        remaining -= step
                        if remaining <= 0:
                            return False
            while not self._queue.empty():
                self._queue.get_nowait()
            return True
        except KeyboardInterrupt:
            self.close()
            raise

    def close(self) -> None:
        self._stop.set()
