"""Receivers for the Order model. This module does it wrong, on purpose.

Both rules below are hidden in signals: nothing at the call site says they run,
forms and the admin cannot show the validation error, `bulk_create` and
`QuerySet.update` skip both, and every save pays a second query.

TODO (task 3): once validation.py and services.py do the work, delete both
receivers. Leave this module (apps.py imports it), with a docstring saying why
it holds no receivers.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Order


@receiver(pre_save, sender=Order)
def check_discount_pre_save(sender, instance, **kwargs):
    if instance.discount_percent > Order.MAX_DISCOUNT_PERCENT:
        raise ValueError("discount too large")


@receiver(post_save, sender=Order)
def compute_total_post_save(sender, instance, **kwargs):
    gross = instance.unit_price * instance.quantity
    total = gross * (100 - instance.discount_percent) / 100
    Order.objects.filter(pk=instance.pk).update(total=total)
