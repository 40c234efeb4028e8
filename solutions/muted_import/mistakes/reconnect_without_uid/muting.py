"""Mistake: put the receiver back with connect(receiver, sender=sender), without its dispatch_uid.

What is wrong: the receiver comes back keyed by the function, not by its dispatch_uid.
The next connect() with the dispatch_uid (receivers.py imported under a second name, a
ready() that runs again) no longer recognises it and adds a second copy: every new
member gets two welcome emails.
Why people write it: after the block the email works again, so the bug only shows on
the day the module is imported twice.

Expected message: reconnected without its dispatch_uid
"""

from contextlib import contextmanager


@contextmanager
def muted_receiver(signal, receiver, sender=None, dispatch_uid=None):
    was_connected = signal.disconnect(receiver, sender=sender, dispatch_uid=dispatch_uid)
    try:
        yield
    finally:
        if was_connected:
            signal.connect(receiver, sender=sender)
