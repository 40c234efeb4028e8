"""Mistake: tell everyone the order is paid, then record the payment.

What is wrong: when the ledger refuses the payment, the receipt, the text and the
shipment are already out, and the order was saved as paid: the customer gets goods
for a payment that is not on the books.
Why people write it: the notifications feel like the point of the function; the
ledger feels like bookkeeping that can come last.

Expected message: Record the payment first
"""

import logging

from .models import Order
from .signals import order_paid, payment_received

logger = logging.getLogger("katas.robust_notifications")


def confirm_payment(order, amount, reference):
    order.status = Order.Status.PAID
    order.save(update_fields=["status"])
    for receiver, result in order_paid.send_robust(sender=Order, order=order):
        if isinstance(result, Exception):
            logger.error("%s failed for order %s", receiver, order.number, exc_info=result)
    payment_received.send(sender=Order, order=order, amount=amount, reference=reference)
