"""Mistake: logger.exception() for the failures that send_robust() returned.

What is wrong: logger.exception() attaches the exception being handled, and there is
none: send_robust() caught it long ago and returned it as a value. The record says
"NoneType: None" where the traceback should be.
Why people write it: logger.exception() is the habit for "log an error with its
traceback", and it works inside an except block.

Expected message: logger.exception() outside an except block has no exception to attach
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
    for receiver, result in order_paid.send_robust(sender=Order, order=order):
        if isinstance(result, Exception):
            logger.exception("Notification %s failed for order %s", receiver, order.number)
