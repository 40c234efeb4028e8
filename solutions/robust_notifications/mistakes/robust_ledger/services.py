"""Mistake: send payment_received with send_robust() too.

What is wrong: the ledger's error is swallowed. Outside a transaction the order is
marked paid and the customer notified for a payment that was never recorded; inside
one (as here) the failed INSERT leaves the transaction broken, and the next query
raises TransactionManagementError, which hides the real cause.
Why people write it: "send_robust made the notifications safe, so use it everywhere".

Expected message: never send_robust()
"""

import logging

from django.db import transaction

from .models import Order
from .signals import order_paid, payment_received

logger = logging.getLogger("katas.robust_notifications")


def _log_failures(responses, order):
    for receiver, result in responses:
        if isinstance(result, Exception):
            logger.error("%s failed for order %s", receiver, order.number, exc_info=result)


def confirm_payment(order, amount, reference):
    with transaction.atomic():
        _log_failures(
            payment_received.send_robust(
                sender=Order, order=order, amount=amount, reference=reference
            ),
            order,
        )
        order.status = Order.Status.PAID
        order.save(update_fields=["status"])
    _log_failures(order_paid.send_robust(sender=Order, order=order), order)
