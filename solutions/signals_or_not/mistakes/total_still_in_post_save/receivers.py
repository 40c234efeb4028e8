"""Mistake: the post_save receiver kept "for safety", beside the service.

What is wrong: every save still writes the order twice (INSERT, then UPDATE),
and the rule now lives in two places that will drift apart. The service already
sets the total where orders are made.
Why people write it: deleting code that "works" feels risky; the receiver seems
a harmless safety net.

Expected message: still run when an Order is saved
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order
from .services import order_total


@receiver(post_save, sender=Order)
def compute_total_post_save(sender, instance, **kwargs):
    Order.objects.filter(pk=instance.pk).update(total=order_total(instance))
