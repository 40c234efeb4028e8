"""Notice each save of the katas' learner files, from the moment you ask.

watchfiles' ``watch()`` only starts watching when first iterated, so a save made
while the tests run would be lost. ``Saves`` watches from a background thread as
soon as it is created and queues which katas were saved.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path


class Saves:
    """The saves of ``katas``' learner files (editors that save by rename included)."""

    def __init__(self, katas, poll: bool = False):
        import watchfiles

        self._queue: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        owners = {p.resolve(): k.slug for k in katas for p in k.learner_paths()}
        folders = sorted({str(k.directory) for k in katas})

        def pump():
            for batch in watchfiles.watch(
                *folders,
                force_polling=poll or None,
                debounce=50,
                step=20,
                stop_event=self._stop,
                raise_interrupt=False,
            ):
                for _, path in batch:
                    slug = owners.get(Path(path).resolve())
                    if slug is not None:
                        self._queue.put(slug)

        self._thread = threading.Thread(target=pump, daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> set[str]:
        """Block until a save, or until ``timeout`` seconds pass; return the saved katas' slugs.

        Saves that piled up meanwhile count together: the next check sees them all.
        An empty set means the time ran out.
        """
        remaining = timeout
        saved: set[str] = set()
        try:
            while not saved:
                # Short waits keep Ctrl-C responsive in the main thread.
                step = 0.25 if remaining is None else min(0.25, remaining)
                try:
                    saved.add(self._queue.get(timeout=step))
                except queue.Empty:
                    if remaining is not None:
                        remaining -= step
                        if remaining <= 0:
                            return saved
            saved |= self.pending()
            return saved
        except KeyboardInterrupt:
            self.close()
            raise

    def pending(self) -> set[str]:
        """Return (and forget) the katas saved since the last look, without waiting."""
        saved = set()
        while not self._queue.empty():
            saved.add(self._queue.get_nowait())
        return saved

    def close(self) -> None:
        self._stop.set()
