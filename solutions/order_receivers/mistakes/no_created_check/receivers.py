"""Mistake: no look at ``created``: every save counts as a new order.

What is wrong: post_save is sent on every save. Correcting an order's email
address takes its quantity off the stock again and sends another confirmation.
Why people write it: the receivers are only ever tried by placing new orders.

Expected message: Check `created`
"""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order)
def update_stock(sender, instance, **kwargs):
    Product.objects.filter(pk=instance.product_id).update(stock=F("stock") - instance.quantity)


@receiver(post_save, sender=Order)
def send_order_email(sender, instance, **kwargs):
    transaction.on_commit(
        lambda: send_mail("Your order", "Thank you.", None, [instance.customer_email])
    )
