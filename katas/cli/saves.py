"""Notice each save of the katas' own files, from the moment you ask.

watchfiles' ``watch()`` only starts watching when first iterated, so a save made
while the tests run would be lost. ``Saves`` watches from a background thread as
soon as it is created and queues which katas were saved. A kata's own files are
its top-level modules but the given ones: the learner files, and any helper module
a learner adds (:func:`katas.harness.rules.own_files`).
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from katas.harness import rules


class WatcherStopped(RuntimeError):
    """The file watcher's thread ended: no save would ever be noticed again."""


def owner_of(path: Path, folders: dict[Path, str]) -> str | None:
    """Return the slug of the kata whose own module ``path`` is, or None."""
    path = Path(path)
    if path.suffix != ".py" or path.stem in rules.GIVEN_MODULES:
        return None
    return folders.get(path.resolve().parent)


class Saves:
    """The saves of ``katas``' own files (editors that save by rename included)."""

    def __init__(self, katas, poll: bool = False):
        import watchfiles

        self._queue: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._error: BaseException | None = None
        folders = {k.directory.resolve(): k.slug for k in katas}

        def pump():
            try:
                for batch in watchfiles.watch(
                    *map(str, folders),
                    force_polling=poll or None,
                    debounce=50,
                    step=20,
                    stop_event=self._stop,
                    raise_interrupt=False,
                ):
                    for _, path in batch:
                        slug = owner_of(Path(path), folders)
                        if slug is not None:
                            self._queue.put(slug)
            except BaseException as error:  # noqa: BLE001 - told to the waiting thread
                self._error = error

        self._thread = threading.Thread(target=pump, name="katas-saves", daemon=True)
        self._thread.start()

    def _check_alive(self) -> None:
        if not self._thread.is_alive() and not self._stop.is_set():
            why = f": {self._error}" if self._error else ""
            raise WatcherStopped(
                f"The file watcher stopped{why}. Start watch again (with --poll on a network "
                "drive)."
            )

    def wait(self, timeout: float | None = None) -> set[str]:
        """Block until a save, or until ``timeout`` seconds pass; return the saved katas' slugs.

        Saves that piled up meanwhile count together: the next check sees them all.
        An empty set means the time ran out. Raises :class:`WatcherStopped` if the
        watcher died.
        """
        remaining = timeout
        saved: set[str] = set()
        try:
            while not saved:
                self._check_alive()
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
