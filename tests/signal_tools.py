"""What the kata tests ask of a signal: which receivers are connected to it.

Django keeps a signal's receivers as tuples whose first item is a lookup key
(receiver id, sender id) and whose second is the receiver or a weak reference to
it; the rest of the tuple varies between Django versions, so only those two are read.
"""

import weakref

ANY_SENDER = object()


def connected(signal, sender=ANY_SENDER) -> list:
    """Return the live receivers of ``signal``, only those for ``sender`` if one is given."""
    found = []
    for entry in signal.receivers:
        lookup_key, receiver = entry[0], entry[1]
        if sender is not ANY_SENDER and lookup_key[1] != id(sender):
            continue
        if isinstance(receiver, weakref.ReferenceType):
            receiver = receiver()
        if receiver is not None:
            found.append(receiver)
    return found


def modules_of(receivers) -> list[str]:
    """Return the module that defined each receiver."""
    return [getattr(receiver, "__module__", "") or "" for receiver in receivers]
