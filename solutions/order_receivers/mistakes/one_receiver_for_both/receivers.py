"""Mistake: one receiver that updates the stock and sends the email.

What is wrong: two concerns in one function: the email cannot be turned off,
tested or retried without touching stock, and an error in one stops the other.
The kata asks for one job per receiver, which a test checks by calling each alone.
Why people write it: both happen "when an order is placed", so one function feels
natural, and every behaviour test of the whole still passes.

Expected message: Called alone, each receiver should do one job
"""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order)
def handle_new_order(sender, instance, created, **kwargs):
    if not created:
        return
    Product.objects.filter(pk=instance.product_id).update(stock=F("stock") - instance.quantity)
    transaction.on_commit(
        lambda: send_mail("Your order", "Thank you.", None, [instance.customer_email])
    )
