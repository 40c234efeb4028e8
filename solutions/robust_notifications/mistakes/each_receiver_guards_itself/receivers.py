"""Mistake: catch the gateway's error inside the SMS receiver, and keep send().

What is wrong: it protects the checkout from the one receiver you wrote, not from
the receivers other apps connect to order_paid tomorrow: the first of those that
raises still stops the loop and the checkout. And the failure is swallowed unlogged.
Why people write it: the failing receiver is the one in front of them, so they fix it.

Expected message: from a receiver another app connected to order_paid
"""

import contextlib

from django.core.mail import send_mail
from django.dispatch import receiver

from .gateways import GatewayDown, sms_gateway
from .models import Payment, Shipment
from .signals import order_paid, payment_received


@receiver(payment_received)
def record_payment(sender, order, amount, reference, **kwargs):
    Payment.objects.create(order=order, amount=amount, reference=reference)


@receiver(order_paid)
def send_receipt(sender, order, **kwargs):
    send_mail(f"Receipt for order {order.number}", "Thank you!", None, [order.email])


@receiver(order_paid)
def create_shipment(sender, order, **kwargs):
    Shipment.objects.create(order=order)


@receiver(order_paid)
def text_customer(sender, order, **kwargs):
    with contextlib.suppress(GatewayDown):
        sms_gateway.send(order.phone, f"Order {order.number} is paid.")
