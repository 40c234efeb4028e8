"""The shop's emails (given): what the receivers send, once the order is committed."""

from django.core.mail import send_mail

from .models import Order

WAREHOUSE = "warehouse@shop.example"


def send_confirmation(order_id):
    """Email the customer that their order was received."""
    order = Order.objects.get(pk=order_id)
    send_mail(
        f"Your order #{order.pk}",
        f"Thank you! We received your order of {order.total}.",
        None,
        [order.customer_email],
    )


def notify_warehouse(order_id):
    """Email the warehouse that a new order is waiting to be packed."""
    order = Order.objects.get(pk=order_id)
    send_mail(f"New order #{order.pk}", f"Pack order #{order.pk}.", None, [WAREHOUSE])
