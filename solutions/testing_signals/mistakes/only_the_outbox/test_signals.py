"""Mistake: test order_placed through the email it leads to, never the send itself.

One confirmation per order is what the customer sees, so the tests count emails. But
order_placed is a contract with every receiver, of this app and of others: sent once,
with sender=Order and the saved order. A shop that sends it with the order as its
sender still emails the customer (its receiver does not filter on the sender), and
every receiver connected with sender=Order silently stops. Only a test that looks at
the send (a receiver of its own, or a patched send) sees it.

Expected message: the order itself as its sender"""

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


@pytest.mark.task(1)
def test_placing_an_order_confirms_it_once(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order("ana@example.com", "19.90")

    confirmations = sent_to(mailoutbox, "ana@example.com")
    assert len(confirmations) == 1
    assert f"#{order.pk}" in confirmations[0].subject


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
