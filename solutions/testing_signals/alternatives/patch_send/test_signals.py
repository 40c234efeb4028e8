"""Alternative: watch the send with mock.patch.object(..., wraps=...), and mail.outbox.

Correct too: patching the signal's own send with a mock that wraps it records every
call (sender and arguments) and still calls the real send, so the shop's receivers
run as usual; the patch is undone when the `with` block ends, however it ends. The
rest reads Django's outbox and captures the on_commit callbacks as the reference does.
The reference's receiver of its own sees what receivers see; the patch sees what the
sender passed. Either one checks the contract.
"""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from katas.testing_signals.emails import WAREHOUSE
from katas.testing_signals.factories import OrderFactory
from katas.testing_signals.models import Order
from katas.testing_signals.services import place_order
from katas.testing_signals.signals import order_placed

pytestmark = pytest.mark.django_db


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


@pytest.mark.task(1)
def test_place_order_sends_order_placed_once_with_the_order():
    with mock.patch.object(order_placed, "send", wraps=order_placed.send) as send:
        order = place_order("ana@example.com", "19.90")

    send.assert_called_once_with(sender=Order, order=order)
    assert order.pk is not None


@pytest.mark.task(2)
def test_whoever_sends_order_placed_the_customer_is_confirmed(django_capture_on_commit_callbacks):
    order = OrderFactory(customer_email="ben@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        order_placed.send(sender=Order, order=order)

    assert [message.to for message in mail.outbox] == [["ben@example.com"]]


@pytest.mark.task(3)
def test_no_email_before_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        place_order("cy@example.com", "42.00")
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    assert len(emails_to("cy@example.com")) == 1
    assert len(emails_to(WAREHOUSE)) == 1


def place_an_order_whose_payment_fails():
    with transaction.atomic():
        place_order("dee@example.com", "5.00")
        raise RuntimeError("payment declined")


@pytest.mark.task(3)
def test_a_rolled_back_order_is_never_confirmed(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="payment declined"),
    ):
        place_an_order_whose_payment_fails()

    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.task(4)
def test_the_factory_mutes_the_warehouse_while_it_builds(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        OrderFactory()
        OrderFactory()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        place_order("eve@example.com", "7.50")

    assert len(emails_to(WAREHOUSE)) == 1
