"""Mistake: disconnect the receiver by the function alone, without its dispatch_uid.

What is wrong: send_welcome_email was connected with a dispatch_uid, so Django keys it
by (dispatch_uid, sender). disconnect(receiver, sender=sender) looks for the key
(the receiver, sender), finds nothing, returns False, and every imported member is
still welcomed. The code raises nothing, so the mistake hides until the mails go out.
Why people write it: disconnect(receiver) reads like "stop calling this function",
and most examples connect without a dispatch_uid.

Expected message: same sender and dispatch_uid
"""

from contextlib import contextmanager


@contextmanager
def muted_receiver(signal, receiver, sender=None, dispatch_uid=None):
    signal.disconnect(receiver, sender=sender)
    try:
        yield
    finally:
        signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)
