"""Mistake: test the confirmation by calling its receiver, not by sending the signal.

A receiver is a function, so it gets unit-tested like one: import it from
receivers.py, call it with an order, check the email. That proves what the function
does, not that anything calls it: a startup that no longer connects the receiver, or a
receiver connected for a sender nobody sends, passes every one of these tests while no
customer gets a confirmation. Send order_placed the way the shop does and let Django
find the receiver; and never import receivers.py, whose import connects it.

Expected message: no longer imports receivers.py"""

import pytest
from django.db import transaction

from katas.testing_signals.emails import WAREHOUSE
from katas.testing_signals.factories import OrderFactory
from katas.testing_signals.models import Order
from katas.testing_signals.receivers import email_confirmation_on_order_placed
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
def test_the_confirmation_receiver_emails_the_customer(
    django_capture_on_commit_callbacks, mailoutbox
):
    order = OrderFactory(customer_email="ben@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        email_confirmation_on_order_placed(sender=Order, order=order)

    assert len(sent_to(mailoutbox, "ben@example.com")) == 1


@pytest.mark.task(3)
def test_the_confirmation_waits_for_the_commit(django_capture_on_commit_callbacks, mailoutbox):
    order = OrderFactory(customer_email="cy@example.com")

    with django_capture_on_commit_callbacks() as callbacks:
        email_confirmation_on_order_placed(sender=Order, order=order)

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
def test_orders_from_the_factory_email_nobody(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
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
