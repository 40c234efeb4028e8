"""Alternative: the same tests as a django.test.TestCase, with a Mock for a receiver.

Correct too: TestCase wraps each test in a transaction, as pytest-django's db fixture
does, and its captureOnCommitCallbacks() is what django_capture_on_commit_callbacks
wraps. The Mock is connected with weak=False (a Mock made in setUp has no other
reference that outlives it) and disconnected by addCleanup, which runs even when the
test fails. pytest's task markers work on a TestCase's methods as on functions.
"""

from unittest import mock

import pytest
from django.core import mail
from django.test import TestCase

from katas.testing_signals.emails import WAREHOUSE
from katas.testing_signals.factories import OrderFactory
from katas.testing_signals.models import Order
from katas.testing_signals.services import place_order
from katas.testing_signals.signals import order_placed

UID = "tests.order_placed_mock"


class OrderPlacedTests(TestCase):
    def emails_to(self, address):
        return [message for message in mail.outbox if address in message.to]

    @pytest.mark.task(1)
    def test_place_order_sends_order_placed_once(self):
        handler = mock.Mock(return_value=None)
        order_placed.connect(handler, weak=False, dispatch_uid=UID)
        self.addCleanup(order_placed.disconnect, dispatch_uid=UID)

        order = place_order("ana@example.com", "19.90")

        handler.assert_called_once_with(signal=order_placed, sender=Order, order=order)

    @pytest.mark.task(2)
    def test_the_confirmation_answers_any_sender_of_order_placed(self):
        order = OrderFactory(customer_email="ben@example.com")

        with self.captureOnCommitCallbacks(execute=True):
            order_placed.send(sender=Order, order=order)

        assert len(self.emails_to("ben@example.com")) == 1

    @pytest.mark.task(3)
    def test_the_confirmation_leaves_after_the_commit(self):
        with self.captureOnCommitCallbacks() as callbacks:
            place_order("cy@example.com", "42.00")
        assert mail.outbox == []

        for callback in callbacks:
            callback()

        assert len(self.emails_to("cy@example.com")) == 1

    @pytest.mark.task(4)
    def test_factory_orders_reach_nobody_and_real_ones_still_do(self):
        with self.captureOnCommitCallbacks(execute=True):
            OrderFactory.create_batch(2)
        assert mail.outbox == []

        with self.captureOnCommitCallbacks(execute=True):
            place_order("eve@example.com", "7.50")

        assert len(self.emails_to(WAREHOUSE)) == 1
