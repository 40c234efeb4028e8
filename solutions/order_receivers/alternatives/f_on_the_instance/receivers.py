"""Alternative: an F() expression assigned on the instance, saved with update_fields.

``product.stock = F("stock") - n`` then ``save(update_fields=["stock"])`` sends
UPDATE ... SET stock = stock - n: the database subtracts from the row's current
value, like QuerySet.update(). update_fields keeps the save from writing the
other (possibly stale) fields. What the instance holds afterwards depends on the
version: on Django 4.2 and 5.2 an expression, not a number (refresh_from_db()
before reading it); since Django 6.0 save() puts the stored number back on it.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.update_stock")
def update_stock(sender, instance, created, raw, using, **kwargs):
    if raw or not created:
        return
    product = Product(pk=instance.product_id)
    product.stock = F("stock") - instance.quantity
    product.save(using=using, update_fields=["stock"])


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.send_order_email")
def send_order_email(sender, instance, created, raw, using, **kwargs):
    if raw or not created:
        return
    transaction.on_commit(
        lambda: send_mail("Your order", "Thank you.", None, [instance.customer_email]),
        using=using,
    )
