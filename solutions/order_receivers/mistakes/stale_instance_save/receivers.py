"""Mistake: ``instance.product.stock -= quantity; instance.product.save()``.

What is wrong: ``instance.product`` is whatever Product object the order was
built with, loaded who knows when. Two orders placed from two copies of the same
product each subtract from their copy's stock and save it: the second save
overwrites the first, and one order is never counted.
Why people write it: it is the usual tutorial version, and one order at a time it
is right.

Expected message: product.stock -= quantity; product.save() writes a stale value
"""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order


@receiver(post_save, sender=Order)
def update_stock(sender, instance, created, **kwargs):
    if created:
        instance.product.stock -= instance.quantity
        instance.product.save()


@receiver(post_save, sender=Order)
def send_order_email(sender, instance, created, **kwargs):
    if created:
        transaction.on_commit(
            lambda: send_mail("Your order", "Thank you.", None, [instance.customer_email])
        )
