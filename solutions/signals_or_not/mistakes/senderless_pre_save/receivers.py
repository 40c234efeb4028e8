"""Mistake: the total moved to a pre_save receiver with no sender and an isinstance check.

What is wrong: the rule is still hidden in a signal, and now it runs on the
saves of every model in the project, only to return early for all but Order.
bulk_create and QuerySet.update still skip it; a reader of create_orders() still
cannot see it. It saves the second query, not the design.
Why people write it: it looks like progress (no second query, no sender= to
forget), and a check that only looks for receivers with sender=Order misses it.

Expected message: connected with no sender
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Order
from .services import order_total


@receiver(pre_save)
def set_total_pre_save(sender, instance, **kwargs):
    if isinstance(instance, Order):
        instance.total = order_total(instance)
