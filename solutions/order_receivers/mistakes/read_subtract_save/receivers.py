"""Mistake: re-read the product, subtract in Python, save.

What is wrong: between the read and the save another request can place an order
for the same product; this save then writes a stock computed from the old value
and that order is lost (a lost update). Re-reading makes the window small, not
closed: launch day finds it.
Why people write it: it fixes the stale ``instance.product`` that a first test
shows, it has a ``created`` check, and it passes every test run one at a time.

Expected message: a lost update
"""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order)
def update_stock(sender, instance, created, **kwargs):
    if not created:
        return
    product = Product.objects.get(pk=instance.product_id)
    product.stock -= instance.quantity
    product.save()


@receiver(post_save, sender=Order)
def send_order_email(sender, instance, created, **kwargs):
    if not created:
        return
    transaction.on_commit(
        lambda: send_mail("Your order", "Thank you.", None, [instance.customer_email])
    )
