"""Mistake: silence the whole signal, as factory_boy's mute_signals does.

What is wrong: mute_signals(post_save) empties the signal's receivers for the block,
so issue_membership_card stops too, with every other receiver of post_save in the
project: imported members get no card.
Why people write it: mute_signals is the tool everyone knows from tests, where
silencing everything is exactly what a factory wants.

Expected message: Silence the welcome email only
"""

from contextlib import contextmanager

from factory.django import mute_signals


@contextmanager
def muted_receiver(signal, receiver, sender=None, dispatch_uid=None):
    with mute_signals(signal):
        yield
