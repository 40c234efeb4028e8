"""Mistake: send order_paid with send(), as for any other signal.

What is wrong: send() calls the receivers in turn and lets the first exception out.
With the SMS gateway down, the receivers after the failing one never run and
confirm_payment() raises: the payment was taken, yet the checkout shows an error.
Why people write it: it is the usual tutorial version, and every receiver works on a
developer's machine, where no gateway is ever down.

Expected message: Send order_paid with send_robust()
"""

from django.db import transaction

from .models import Order
from .signals import order_paid, payment_received


def confirm_payment(order, amount, reference):
    with transaction.atomic():
        payment_received.send(sender=Order, order=order, amount=amount, reference=reference)
        order.status = Order.Status.PAID
        order.save(update_fields=["status"])
    order_paid.send(sender=Order, order=order)
