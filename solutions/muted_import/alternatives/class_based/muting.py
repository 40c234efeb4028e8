"""Alternative: a class with `__enter__` and `__exit__` (and usable as a decorator).

Why it is correct too: __exit__ runs however the block ends, like a finally, and it
returns None, so the block's exception propagates. ContextDecorator adds
`@muted_receiver(...)` on a whole function for free. Each `with` gets a fresh object,
so it remembers whether it disconnected anything.
"""

from contextlib import ContextDecorator


class muted_receiver(ContextDecorator):  # noqa: N801 - used like a function, named like one
    """Within the block, ``receiver`` does not hear ``signal`` from ``sender``."""

    def __init__(self, signal, receiver, sender=None, dispatch_uid=None):
        self.signal = signal
        self.receiver = receiver
        self.sender = sender
        self.dispatch_uid = dispatch_uid
        self.was_connected = False

    def __enter__(self):
        self.was_connected = self.signal.disconnect(
            self.receiver, sender=self.sender, dispatch_uid=self.dispatch_uid
        )
        return self

    def __exit__(self, exc_type, exc, traceback):
        if self.was_connected:
            self.signal.connect(self.receiver, sender=self.sender, dispatch_uid=self.dispatch_uid)
            self.was_connected = False
