"""Services: the ledger write is a plain call; the notifications are robust."""

import logging

from django.db import transaction

from .models import Order, Payment
from .signals import order_paid

logger = logging.getLogger("katas.robust_notifications")


def confirm_payment(order, amount, reference):
    with transaction.atomic():
        Payment.objects.create(order=order, amount=amount, reference=reference)
        order.status = Order.Status.PAID
        order.save(update_fields=["status"])
    for receiver, result in order_paid.send_robust(sender=Order, order=order):
        if isinstance(result, Exception):
            logger.error(
                "Notification %s failed for order %s", receiver, order.number, exc_info=result
            )
