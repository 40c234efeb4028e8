"""Alternative: a helper that logs the failures, with an explicit exc_info tuple.

Why it is correct too: exc_info accepts an exception instance or the
(type, value, traceback) triple; both carry the traceback the receiver raised with.
The helper returns the failed receivers, so a caller could also retry or report them.
The payment is recorded first, without atomic(): its error stops the function before
the order is marked paid.
"""

import logging

from .models import Order
from .signals import order_paid, payment_received

logger = logging.getLogger("katas.robust_notifications")


def failed_receivers(responses, order):
    """Log each failure of a send_robust() call; return the receivers that failed."""
    failed = []
    for receiver, result in responses:
        if isinstance(result, Exception):
            failed.append(receiver)
            logger.critical(
                "Order %s: receiver %s failed",
                order.number,
                getattr(receiver, "__name__", repr(receiver)),
                exc_info=(type(result), result, result.__traceback__),
            )
    return failed


def confirm_payment(order, amount, reference):
    payment_received.send(sender=Order, order=order, amount=amount, reference=reference)
    order.status = Order.Status.PAID
    order.save(update_fields=["status"])
    failed_receivers(order_paid.send_robust(sender=Order, order=order), order)
