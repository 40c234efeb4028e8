"""Mistake: wrap order_paid.send() in try/except and log the error.

What is wrong: the checkout survives, but send() stopped at the first receiver that
raised: every receiver after it never ran. Which notifications are lost depends on
the order the receivers happened to be connected in, and one failure is logged for
what may be several lost notifications.
Why people write it: try/except is the everyday cure for "this call may fail", and
with the failing receiver last it looks exactly like send_robust().

Expected message: the receivers after it must still run
"""

import logging

from django.db import transaction

from .models import Order
from .signals import order_paid, payment_received

logger = logging.getLogger("katas.robust_notifications")


def confirm_payment(order, amount, reference):
    with transaction.atomic():
        payment_received.send(sender=Order, order=order, amount=amount, reference=reference)
        order.status = Order.Status.PAID
        order.save(update_fields=["status"])
    try:
        order_paid.send(sender=Order, order=order)
    except Exception as error:
        logger.error("Notifying order %s failed", order.number, exc_info=error)
