"""Alternative: lock the product's row with select_for_update(), then subtract in Python.

Pessimistic locking: inside a transaction, select_for_update() makes the
database hold the row until the commit, so a second request waits instead of
reading the same stock; no update is lost. It costs a held lock per order (and
SQLite ignores it, locking the whole database on write anyway), where F() needs
none. It is the tool when the new value needs Python, say to refuse the order
when stock is short.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.update_stock")
def update_stock(sender, instance, created, raw, using, **kwargs):
    if raw or not created:
        return
    with transaction.atomic(using=using):
        product = Product.objects.using(using).select_for_update().get(pk=instance.product_id)
        product.stock -= instance.quantity
        product.save(using=using, update_fields=["stock"])


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.send_order_email")
def send_order_email(sender, instance, created, raw, using, **kwargs):
    if raw or not created:
        return
    transaction.on_commit(
        lambda: send_mail("Your order", "Thank you.", None, [instance.customer_email]),
        using=using,
    )
