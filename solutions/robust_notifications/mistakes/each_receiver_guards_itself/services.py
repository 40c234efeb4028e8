"""Services: plain send() everywhere (see receivers.py for the mistake)."""

from django.db import transaction

from .models import Order
from .signals import order_paid, payment_received


def confirm_payment(order, amount, reference):
    with transaction.atomic():
        payment_received.send(sender=Order, order=order, amount=amount, reference=reference)
        order.status = Order.Status.PAID
        order.save(update_fields=["status"])
    order_paid.send(sender=Order, order=order)
