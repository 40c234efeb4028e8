"""Silence one receiver for the length of a ``with`` block.

Read README.md beside this file for the story and the tasks.
"""

from contextlib import contextmanager


@contextmanager
def muted_receiver(signal, receiver, sender=None, dispatch_uid=None):
    """Within the block, ``receiver`` does not hear ``signal`` from ``sender``.

    Pass the receiver, sender and dispatch_uid exactly as the receiver was connected.
    After the block, however it ends, the receiver is connected as it was before.
    """
    # TODO (task 1): disconnect the receiver before the block runs. disconnect() only
    #   finds it by the key it was connected with: the same sender and dispatch_uid.
    #   It returns True when it disconnected something.
    #
    # TODO (task 2): after the block, connect it again with the same sender and
    #   dispatch_uid: also when the block raises (try/finally), and only if it was
    #   connected before the block.
    #
    # TODO (task 3): touch no other receiver: not the membership card, not any other
    #   receiver of the signal.
    yield
