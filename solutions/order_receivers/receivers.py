"""Two independent actions on one signal: placing an order updates stock and emails."""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.update_stock")
def update_stock(sender, instance, created, raw, using, **kwargs):
    """Take a new order's quantity off its product's stock.

    F() makes the database compute stock - quantity from the row's current value:
    two orders saved at once both count, where ``product.stock -= quantity;
    product.save()`` (or a re-read, then a save) would lose one. It does not stop
    overselling: a CheckConstraint on stock >= 0, or filter(stock__gte=quantity),
    does. ``using``: the database the order was saved to.
    """
    if raw or not created:
        return
    Product.objects.using(using).filter(pk=instance.product_id).update(
        stock=F("stock") - instance.quantity
    )


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.send_order_email")
def send_order_email(sender, instance, created, raw, using, **kwargs):
    """Email the customer a confirmation of a new order, once the order is committed."""
    if raw or not created:
        return
    subject = f"Your order: {instance.quantity} x {instance.product.name}"
    # No email about an order that a rollback undid; `using`: that order's transaction.
    transaction.on_commit(
        lambda: send_mail(subject, "Thank you for your order.", None, [instance.customer_email]),
        using=using,
    )
