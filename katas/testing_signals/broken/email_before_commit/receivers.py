"""Broken: the confirmation is emailed at once, before the order's transaction commits."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import emails
from .models import Order
from .signals import order_placed


@receiver(order_placed, dispatch_uid="testing_signals.email_confirmation")
def email_confirmation_on_order_placed(sender, order, **kwargs):
    """Whoever placed the order, the customer gets a confirmation (now, not after the commit)."""
    emails.send_confirmation(order.pk)


@receiver(post_save, sender=Order, dispatch_uid="testing_signals.notify_warehouse")
def notify_warehouse_on_order_created(sender, instance, created, raw=False, **kwargs):
    """Every new order row (from the shop, the admin or an import) goes to the warehouse."""
    if created and not raw:
        transaction.on_commit(partial(emails.notify_warehouse, instance.pk))
