"""Mistake: receivers that ignore ``using`` and work on the default database.

What is wrong: post_save says which database the order was saved to. Without
``using``, Product.objects queries the default database (or whatever a router
picks), and on_commit() waits for the default database's transaction: with a
second database, the wrong stock changes and the email follows the wrong commit.
Why people write it: with one database, which is most projects and every
tutorial, ``using`` is always "default" and nothing shows the difference.

Expected message: post_save passes `using`
"""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order)
def update_stock(sender, instance, created, raw, **kwargs):
    if raw or not created:
        return
    Product.objects.filter(pk=instance.product_id).update(stock=F("stock") - instance.quantity)


@receiver(post_save, sender=Order)
def send_order_email(sender, instance, created, raw, **kwargs):
    if raw or not created:
        return
    transaction.on_commit(
        lambda: send_mail("Your order", "Thank you.", None, [instance.customer_email])
    )
