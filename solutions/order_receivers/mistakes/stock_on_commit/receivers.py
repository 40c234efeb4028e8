"""Mistake: the stock update deferred to on_commit, like the email.

What is wrong: the stock is part of the order: it must change in the same
transaction, and roll back with it. Deferred to the commit, it happens outside any
transaction (a commit hook that fails leaves a committed order with the stock
untouched), and between the commit and the hook another request sells stock that
is no longer there.
Why people write it: "side effects on commit" is good advice for the email, and the
two receivers look alike.

Expected message: it runs too late
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
    product_id, quantity = instance.product_id, instance.quantity
    transaction.on_commit(
        lambda: (
            Product.objects.using(using).filter(pk=product_id).update(stock=F("stock") - quantity)
        ),
        using=using,
    )


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.send_order_email")
def send_order_email(sender, instance, created, raw, using, **kwargs):
    if raw or not created:
        return
    subject = f"Your order: {instance.quantity} x {instance.product.name}"
    # No email about an order that a rollback undid; `using`: that order's transaction.
    transaction.on_commit(
        lambda: send_mail(subject, "Thank you for your order.", None, [instance.customer_email]),
        using=using,
    )
