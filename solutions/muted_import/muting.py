"""Silence one receiver for the length of a ``with`` block, and put it back."""

from contextlib import contextmanager


@contextmanager
def muted_receiver(signal, receiver, sender=None, dispatch_uid=None):
    """Within the block, ``receiver`` does not hear ``signal`` from ``sender``.

    Pass the receiver, sender and dispatch_uid exactly as the receiver was connected.
    After the block, however it ends, the receiver is connected as it was before.
    """
    # disconnect() looks the receiver up by (dispatch_uid or the receiver, sender): the
    # same key connect() stored. Any other sender or uid finds nothing and returns False.
    was_connected = signal.disconnect(receiver, sender=sender, dispatch_uid=dispatch_uid)
    try:
        yield
    finally:
        # Only put back what was there; the same dispatch_uid keeps the next connect()
        # of this receiver (a second import of receivers.py) a no-op.
        if was_connected:
            signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)
