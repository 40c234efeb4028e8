"""Alternative: the same two jobs under other good names.

Tests judge receivers by what they do, not by what they are called:
reduce_product_quantity and tell_the_customer each do one job, alone.
"""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order, Product


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.reduce_product_quantity")
def reduce_product_quantity(sender, instance, created, raw=False, using="default", **kwargs):
    """Take the order's quantity off the product, in the database (no lost update)."""
    if created and not raw:
        Product.objects.using(using).filter(pk=instance.product_id).update(
            stock=F("stock") - instance.quantity
        )


@receiver(post_save, sender=Order, dispatch_uid="order_receivers.tell_the_customer")
def tell_the_customer(sender, instance, created, raw=False, using="default", **kwargs):
    """Confirm a new order by email once it is committed."""
    if created and not raw:
        message = partial(
            send_mail, "Order confirmed", "Thank you.", None, [instance.customer_email]
        )
        transaction.on_commit(message, using=using)
