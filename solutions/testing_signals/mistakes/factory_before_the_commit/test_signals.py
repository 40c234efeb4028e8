"""Mistake: check that factory orders email nobody without letting their transaction commit.

Inside a test the transaction never commits, so on_commit callbacks never run unless
the test runs them: the outbox is empty after OrderFactory() whether the factory mutes
post_save or not. An OrderFactory without mute_signals passes, and every test that
builds orders (and commits, or captures the callbacks) emails the warehouse. Run the
callbacks (django_capture_on_commit_callbacks(execute=True)) before you expect nothing.

Expected message: without mute_signals"""

import pytest
from django.db import transaction

from katas.testing_signals.emails import WAREHOUSE
from katas.testing_signals.factories import OrderFactory
from katas.testing_signals.models import Order
from katas.testing_signals.services import place_order
from katas.testing_signals.signals import order_placed

pytestmark = pytest.mark.django_db


def sent_to(outbox, address):
    return [message for message in outbox if address in message.to]


@pytest.fixture
def order_placed_sends():
    """Every send of order_placed while the test runs: its sender and its arguments."""
    sends = []

    def record(sender, **kwargs):
        sends.append({"sender": sender, **kwargs})

    # A dispatch_uid to disconnect it by; `record` lives as long as this fixture, so the
    # signal's weak reference to it does too.
    order_placed.connect(record, dispatch_uid="tests.order_placed_sends")
    try:
        yield sends
    finally:
        order_placed.disconnect(dispatch_uid="tests.order_placed_sends")


@pytest.mark.task(1)
def test_placing_an_order_sends_order_placed_once(order_placed_sends):
    place_order("ana@example.com", "19.90")

    assert len(order_placed_sends) == 1


@pytest.mark.task(1)
def test_order_placed_carries_the_order_class_and_the_saved_order(order_placed_sends):
    order = place_order("ana@example.com", "19.90")

    (send,) = order_placed_sends
    assert send["sender"] is Order
    assert send["order"] == order
    assert send["order"].pk is not None


@pytest.mark.task(2)
def test_order_placed_from_anywhere_reaches_the_confirmation(
    django_capture_on_commit_callbacks, mailoutbox
):
    # Sent the way any code may send it; no import of receivers.py connected anything.
    order = OrderFactory(customer_email="ben@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        order_placed.send(sender=Order, order=order)

    assert len(sent_to(mailoutbox, "ben@example.com")) == 1


@pytest.mark.task(3)
def test_the_confirmation_waits_for_the_commit(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks() as callbacks:
        place_order("cy@example.com", "42.00")

    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(sent_to(mailoutbox, "cy@example.com")) == 1


@pytest.mark.task(3)
def test_an_order_that_rolls_back_emails_nobody(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        place_order("dee@example.com", "5.00")
        transaction.set_rollback(True)

    assert mailoutbox == []


@pytest.mark.task(4)
def test_orders_from_the_factory_email_nobody(mailoutbox):
    OrderFactory.create_batch(3)

    assert mailoutbox == []


@pytest.mark.task(4)
def test_an_order_placed_after_the_factory_still_reaches_the_warehouse(
    django_capture_on_commit_callbacks, mailoutbox
):
    OrderFactory()

    with django_capture_on_commit_callbacks(execute=True):
        order = place_order("eve@example.com", "7.50")

    warehouse = sent_to(mailoutbox, WAREHOUSE)
    assert len(warehouse) == 1
    assert f"#{order.pk}" in warehouse[0].subject
