"""A receiver connected exactly once: dispatch_uid for new function objects, weak=False for
a local function."""

import gc
import importlib.machinery
import importlib.util
import sys
import weakref
from contextlib import contextmanager

import pytest
from django.core import mail
from django.db.models.signals import post_save

from katas.registered_once import receivers
from katas.registered_once.models import AuditEntry, Subscriber

pytestmark = pytest.mark.django_db

MODULE = "katas.registered_once.receivers"
SECOND_NAME = "katas.registered_once.receivers_imported_again"

# As shipped, the audit receiver dies as soon as it is connected (task 2's bug), leaving
# a dead entry that Django drops the next time it looks at the receivers. Let it look
# now, so that every test starts from live receivers only and leaves them so.
post_save.has_listeners(Subscriber)


@contextmanager
def receivers_restored():
    """Put post_save's receivers back as they were, whatever the block connected."""
    saved = list(post_save.receivers)
    try:
        yield
    finally:
        with post_save.lock:
            post_save.receivers = saved
            post_save.sender_receivers_cache.clear()


def run(what: str, action):
    """Run ``action``; turn an error from the learner's code into a failure that says where."""
    failure = None
    try:
        return action()
    except Exception as error:  # the learner's code may raise anything
        failure = (
            f"{what} raised {type(error).__name__}: {error}. "
            "That came from katas/registered_once/receivers.py."
        )
    pytest.fail(failure, pytrace=False)


@contextmanager
def imported_again():
    """Run receivers.py a second time under another module name, as a second import path
    does (`import receivers` beside `from newsletter import receivers`), then undo it."""
    path = sys.modules[MODULE].__file__  # the file that backs the kata's module
    # An explicit loader: the file may not end in .py (the shipped copy ends in .shipped).
    loader = importlib.machinery.SourceFileLoader(SECOND_NAME, path)
    spec = importlib.util.spec_from_file_location(SECOND_NAME, path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    with receivers_restored():
        sys.modules[SECOND_NAME] = module
        try:
            run("Importing receivers.py a second time", lambda: spec.loader.exec_module(module))
            gc.collect()
            yield module
        finally:
            sys.modules.pop(SECOND_NAME, None)


def subscribe(email="ada@example.com"):
    return run(
        f"Subscriber.objects.create(email={email!r})",
        lambda: Subscriber.objects.create(email=email),
    )


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def audit_entries(address):
    return AuditEntry.objects.filter(email=address).count()


def connect_audit():
    function = getattr(receivers, "connect_audit", None)
    assert callable(function), (
        f"katas/registered_once/receivers.py should keep its connect_audit() function; found "
        f"{function!r}."
    )
    run("connect_audit()", function)


AUDIT_MISSING = (
    "Is record_signup still connected once connect_audit() has returned? A local function "
    "connected with the default weak=True dies when the function that made it returns: "
    "connect it with weak=False. (And if it has a dispatch_uid, it must not be the welcome "
    "email's: a uid already taken for the same sender makes the connect a silent no-op.)"
)


def uids_by_import():
    """The dispatch_uids (string keys) each import of receivers.py connected to post_save."""
    found = {MODULE: set(), SECOND_NAME: set()}
    for entry in post_save.receivers:
        key, receiver = entry[0][0], entry[1]
        if isinstance(receiver, weakref.ReferenceType):
            receiver = receiver()
        module = getattr(receiver, "__module__", "")
        if module in found and isinstance(key, str):
            found[module].add(key)
    return found


def why_a_second_copy(uids, function="send_welcome_email"):
    """Say why the second import's receiver was connected beside the first one."""
    new = sorted(uids[SECOND_NAME] - uids[MODULE])
    if new:
        return (
            f"Your receivers have dispatch_uids, but the second import connected under "
            f"{new}, next to the first import's {sorted(uids[MODULE])}: a dispatch_uid built "
            "from __name__ (or from anything that differs between imports) is a new key for "
            f"each module name. Write a fixed string: dispatch_uid='registered_once.{function}'."
        )
    return (
        f"The second import defines a new {function} function, and Django keys a receiver by "
        "the id of the function unless you give it a dispatch_uid."
    )


@pytest.mark.task(1)
def test_one_welcome_email_when_receivers_is_imported_twice():
    with imported_again():
        subscribe("ada@example.com")
        uids = uids_by_import()

    sent = len(emails_to("ada@example.com"))
    assert sent == 1, (
        f"With receivers.py imported under a second name, a new subscriber got {sent} welcome "
        f"emails; expected 1. {why_a_second_copy(uids)}"
    )


@pytest.mark.task(1)
def test_one_welcome_email_per_subscriber_after_a_second_import():
    with imported_again():
        subscribe("ada@example.com")
        subscribe("grace@example.com")
        Subscriber.objects.get(email="ada@example.com").save()
        uids = uids_by_import()

    sent = {
        address: len(emails_to(address)) for address in ("ada@example.com", "grace@example.com")
    }
    assert sent == {"ada@example.com": 1, "grace@example.com": 1}, (
        "With receivers.py imported under a second name, two new subscribers (and one saved "
        f"again) should get one welcome email each; got {sent}. {why_a_second_copy(uids)}"
    )


@pytest.mark.task(2)
def test_each_new_subscriber_gets_an_audit_entry():
    gc.collect()
    subscribe("ada@example.com")

    found = audit_entries("ada@example.com")
    assert found == 1, (
        f"A new subscriber should get exactly 1 AuditEntry; found {found}. " + AUDIT_MISSING
        if found == 0
        else f"A new subscriber should get exactly 1 AuditEntry; found {found}: record_signup "
        "is connected more than once (task 3)."
    )


@pytest.mark.task(2)
def test_the_audit_receiver_outlives_a_garbage_collection():
    subscribe("ada@example.com")
    gc.collect()
    subscribe("grace@example.com")

    found = {a: audit_entries(a) for a in ("ada@example.com", "grace@example.com")}
    assert found == {"ada@example.com": 1, "grace@example.com": 1}, (
        f"Two new subscribers, with a garbage collection between them, should get one "
        f"AuditEntry each; found {found}. " + AUDIT_MISSING
    )


@pytest.mark.task(3)
def test_one_audit_entry_when_connect_audit_runs_again():
    with receivers_restored():
        connect_audit()
        connect_audit()
        gc.collect()
        subscribe("ada@example.com")

    found = audit_entries("ada@example.com")
    assert found == 1, (
        "After connect_audit() ran twice more (as a ready() that runs again does), a new "
        f"subscriber got {found} AuditEntry rows; expected 1. "
        + (
            "Each call makes a new record_signup, a new object with a new id: give the "
            "connection a dispatch_uid of its own."
            if found > 1
            else AUDIT_MISSING
        )
    )


@pytest.mark.task(3)
def test_one_audit_entry_when_receivers_is_imported_twice():
    with imported_again():
        subscribe("ada@example.com")
        uids = uids_by_import()

    found = audit_entries("ada@example.com")
    assert found == 1, (
        f"With receivers.py imported under a second name, a new subscriber got {found} "
        "AuditEntry rows; expected 1. "
        + (
            "The second import ran connect_audit() again. "
            + why_a_second_copy(uids, "record_signup")
            if found > 1
            else AUDIT_MISSING
        )
    )
