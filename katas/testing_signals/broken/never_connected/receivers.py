"""Broken: the confirmation receiver is connected in a function that nothing calls."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import emails
from .models import Order
from .signals import order_placed


def email_confirmation_on_order_placed(sender, order, **kwargs):
    """Whoever placed the order, the customer gets a confirmation after the commit."""
    transaction.on_commit(partial(emails.send_confirmation, order.pk))


def connect_receivers():
    """Connect the confirmation (meant to be called from AppConfig.ready(); it is not)."""
    order_placed.connect(
        email_confirmation_on_order_placed, dispatch_uid="testing_signals.email_confirmation"
    )


@receiver(post_save, sender=Order, dispatch_uid="testing_signals.notify_warehouse")
def notify_warehouse_on_order_created(sender, instance, created, raw=False, **kwargs):
    """Every new order row (from the shop, the admin or an import) goes to the warehouse."""
    if created and not raw:
        transaction.on_commit(partial(emails.notify_warehouse, instance.pk))
