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


# --- The learner's errors, turned into teaching failures -----------------------------
#
# A receiver that raises inside Django (a TypeError from a missing **kwargs, an
# IntegrityError from a second row, a ValueError from an empty FieldFile) would show
# the learner fifty lines of Django internals. These helpers catch it, find the line of
# the learner's own code that raised, and fail the test with a message that teaches.
# They raise the failure outside the ``except`` block (and ``from None``), so pytest
# prints no "During handling of the above exception..." traceback before it.

import logging  # noqa: E402 - kept beside the helpers that use them, for easy merges
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

# Advice for the errors every kata shares; a test adds its own with ``advice=``.
KWARGS_ADVICE = (
    "A receiver is called with keyword arguments: sender, the signal's own arguments "
    "and signal=, and Django may add more in a future version. Write it as "
    "def receiver(sender, <the arguments you use>, **kwargs)."
)
SWALLOWED_ADVICE = (
    "A database error happened earlier in this transaction and something caught it "
    "(send_robust() catches receivers' exceptions and returns them; a try/except around "
    "a query does the same). The transaction is now marked for rollback: every later "
    "query in the atomic block raises TransactionManagementError, and when the block ends "
    "it rolls back silently, undoing every write in it. Let the error surface, or better, "
    "avoid it."
)


def _learner_modules() -> set[str]:
    from katas.harness import catalogue

    return {
        f"{kata.module}.{name.removesuffix('.py').replace('/', '.')}"
        for kata in catalogue.load()
        for name in kata.files
    }


def where_in_learner_code(error: BaseException) -> str | None:
    """Return "file:line, in function" of the deepest learner frame that ``error`` went through."""
    learner = _learner_modules()
    found = None
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_globals.get("__name__") in learner:
            found = (frame.f_code.co_filename, traceback.tb_lineno, frame.f_code.co_name)
        traceback = traceback.tb_next
    if found is None:
        return None
    filename, line, function = found
    from katas.harness import catalogue

    path = Path(filename).resolve()
    if path.is_relative_to(catalogue.ROOT):
        filename = str(path.relative_to(catalogue.ROOT))
    return f"{filename}:{line}, in {function}()"


def _default_advice(error: BaseException) -> str:
    from django.db.transaction import TransactionManagementError

    if isinstance(error, TransactionManagementError):
        return SWALLOWED_ADVICE
    if isinstance(error, TypeError) and (
        "keyword argument" in str(error) or "positional argument" in str(error)
    ):
        return KWARGS_ADVICE
    return "Read the line of your code named above: the error started there."


def teaching_message(doing: str, error: BaseException, advice=None) -> str:
    """Say what the test did, what the learner's code raised and where, and what to do."""
    text = f"{doing} raised {type(error).__name__}: {error}"
    where = where_in_learner_code(error)
    if where:
        text += f"\n  (raised from your code at {where})"
    chosen = None
    for kind, words in (advice or {}).items():
        if isinstance(error, kind):
            chosen = words
            break
    return f"{text}\n{chosen or _default_advice(error)}"


def _broken_transaction() -> bool:
    from django.db import connections

    return any(
        connection.in_atomic_block and connection.needs_rollback
        for connection in connections.all(initialized_only=True)
    )


class learner_code:  # noqa: N801 - used like a function: ``with learner_code("Saving a user"):``
    """Run the block; an exception the learner's code raises in it becomes a teaching failure.

    ``doing`` says what the block does ("Saving an existing user"); ``advice`` maps
    exception classes to what the learner should do about them (the first match
    wins; common cases such as a receiver without ``**kwargs`` have a default).
    A block that ends normally but leaves the test's transaction broken (a database
    error was caught and swallowed inside it) fails too, instead of letting the
    next query raise TransactionManagementError far from the cause.
    """

    def __init__(self, doing: str, advice=None):
        self.doing = doing
        self.advice = advice or {}
        self.caught = _Collector()

    def __enter__(self):
        # send_robust() logs each exception it catches, with a full traceback, to
        # django.dispatch: collect those records here, to name them in the message.
        self.caught.attach()
        return self

    def __exit__(self, kind, error, traceback):
        records = self.caught.detach()
        if error is not None:
            if not isinstance(error, Exception):
                self.caught.replay(records)
                return False  # pytest's own outcomes, KeyboardInterrupt: let them through
            message = teaching_message(self.doing, error, self.advice)
            raise pytest.fail.Exception(message, pytrace=False) from None
        if _broken_transaction():
            caught = "".join(
                f"\n  send_robust() caught: {record.getMessage()}" for record in records
            )
            raise pytest.fail.Exception(
                f"{self.doing} hid a database error.{caught}\n{SWALLOWED_ADVICE}"
                + "".join(f"\n{words}" for words in self._swallowed_advice()),
                pytrace=False,
            )
        self.caught.replay(records)
        return False

    def _swallowed_advice(self):
        from django.db import DatabaseError

        return [words for kind, words in self.advice.items() if issubclass(kind, DatabaseError)]


class _Collector(logging.Handler):
    """Hold django.dispatch's records during a learner_code block, instead of printing them."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.logger = logging.getLogger("django.dispatch")
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def attach(self):
        self.records, self.propagate = [], self.logger.propagate
        self.logger.addHandler(self)
        self.logger.propagate = False

    def detach(self) -> list:
        self.logger.removeHandler(self)
        self.logger.propagate = self.propagate
        return self.records

    def replay(self, records):
        """Hand the held records to the usual handlers (pytest's capture among them)."""
        for record in records:
            self.logger.handle(record)


def call_learner(doing: str, function, *args, advice=None, **kwargs):
    """Call ``function(*args, **kwargs)`` inside :class:`learner_code`; return its result."""
    with learner_code(doing, advice):
        return function(*args, **kwargs)
