"""Services: the checkout's reaction to the payment provider's confirmation."""

import logging

from django.db import transaction

from .models import Order
from .signals import order_paid, payment_received

logger = logging.getLogger("katas.robust_notifications")


def confirm_payment(order, amount, reference):
    """The provider confirmed a payment of ``amount`` for ``order``: record it, mark the
    order paid, and tell whoever listens.

    Recording the payment uses send(): if the ledger refuses it, the error reaches the
    caller, the order stays pending and nobody is notified. The notifications use
    send_robust(): a gateway that is down costs one notification, never the checkout.
    """
    with transaction.atomic():
        payment_received.send(sender=Order, order=order, amount=amount, reference=reference)
        order.status = Order.Status.PAID
        order.save(update_fields=["status"])

    for receiver, result in order_paid.send_robust(sender=Order, order=order):
        if isinstance(result, Exception):
            # exc_info=result attaches the exception's own traceback: we are not inside an
            # except block, so logger.exception() would have none to attach.
            logger.error(
                "Notification %s failed for order %s: %s",
                getattr(receiver, "__qualname__", receiver),
                order.number,
                result,
                exc_info=result,
            )
