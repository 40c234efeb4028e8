"""Mistake: reconnect after the yield, without a try/finally.

What is wrong: when the block raises (a bad row halfway through the import), the
exception is thrown in at the ``yield`` and the line after it never runs. The welcome
email stays off for the rest of the process: every later sign-up goes unwelcomed.
Why people write it: the happy path works, and the import that fails is rare, so
nobody notices until the day it fails.

Expected message: even when the block raises
"""

from contextlib import contextmanager


@contextmanager
def muted_receiver(signal, receiver, sender=None, dispatch_uid=None):
    was_connected = signal.disconnect(receiver, sender=sender, dispatch_uid=dispatch_uid)
    yield
    if was_connected:
        signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)
