"""What happens when an order is paid, and the ledger's record of the payment.

The three order_paid receivers are side effects: independent of each other, and none
may stop the checkout (the service sends order_paid with send_robust). The ledger's
payment_received receiver is not a side effect: its error must reach the caller.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import receiver

from .gateways import sms_gateway
from .models import Payment, Shipment
from .signals import order_paid, payment_received


@receiver(payment_received, dispatch_uid="robust_notifications.record_payment")
def record_payment(sender, order, amount, reference, **kwargs):
    """Record the payment. create(), not get_or_create(): a second payment for the order,
    or a reference already used, is refused by the database and must not pass quietly."""
    Payment.objects.create(order=order, amount=amount, reference=reference)


@receiver(order_paid, dispatch_uid="robust_notifications.send_receipt")
def send_receipt(sender, order, **kwargs):
    """Email the receipt to the customer."""
    send_mail(
        f"Receipt for order {order.number}",
        f"Thank you! We received {order.total} for order {order.number}.",
        None,
        [order.email],
    )


@receiver(order_paid, dispatch_uid="robust_notifications.create_shipment")
def create_shipment(sender, order, **kwargs):
    """Hand the order to the warehouse.

    The savepoint matters inside a transaction: send_robust() catches a failed query,
    but without atomic() here the whole transaction would be left unusable.
    """
    with transaction.atomic():
        Shipment.objects.create(order=order)


@receiver(order_paid, dispatch_uid="robust_notifications.text_customer")
def text_customer(sender, order, **kwargs):
    """Text the customer. Raises GatewayDown when the SMS provider is down."""
    sms_gateway.send(order.phone, f"Order {order.number} is paid and on its way.")
