"""Mistake: the confirmation email sent at once, inside the transaction.

What is wrong: post_save runs before the transaction that saved the order
commits. If it then rolls back (a payment refused, a later error), the order is
gone but the customer already has an email confirming it.
Why people write it: in autocommit (a shell, a test without a transaction) the
order is committed before post_save, so sending at once looks safe.

Expected message: The email was sent before the order was committed
"""

from django.core.mail import send_mail
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order)
def update_stock(sender, instance, created, **kwargs):
    if created:
        Product.objects.filter(pk=instance.product_id).update(stock=F("stock") - instance.quantity)


@receiver(post_save, sender=Order)
def send_order_email(sender, instance, created, **kwargs):
    if created:
        send_mail("Your order", "Thank you.", None, [instance.customer_email])
