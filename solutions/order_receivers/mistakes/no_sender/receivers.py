"""Mistake: receivers connected to post_save with no sender.

What is wrong: without sender=Order, each receiver runs after the save of every
model in the project: a Product, a User, a session. The first save of anything
but an Order fails on ``instance.product_id``, or worse, a model that happens to
have such fields takes stock off for no order at all.
Why people write it: ``@receiver(post_save)`` is the shortest form, and the only
model anyone saves while trying it is an Order.

Expected message: connect yours with sender=Order
"""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Product


@receiver(post_save)
def update_stock(sender, instance, created, raw, using, **kwargs):
    if raw or not created:
        return
    Product.objects.using(using).filter(pk=instance.product_id).update(
        stock=F("stock") - instance.quantity
    )


@receiver(post_save)
def send_order_email(sender, instance, created, raw, using, **kwargs):
    if raw or not created:
        return
    transaction.on_commit(
        lambda: send_mail("Your order", "Thank you.", None, [instance.customer_email]),
        using=using,
    )
