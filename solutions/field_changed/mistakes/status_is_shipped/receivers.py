"""Mistake: email from post_save whenever the saved order's status is "shipped".

What is wrong: post_save knows the status now, not the status before the save. Every save
of a shipped order emails again (a tracking number added, a note fixed), and so does the
creation of an order that is already shipped (an import of old orders).
Why people write it: it is the one-line version, and the first test, shipping a paid
order, passes.

Expected message: A new row is not a change of status
"""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Order


@receiver(post_save, sender=Order, dispatch_uid="field_changed.notify_shipped_post_save")
def notify_shipped_post_save(sender, instance, **kwargs):
    if instance.status == Order.Status.SHIPPED:
        send_mail(
            f"Your order {instance.reference} has shipped",
            f"Your order {instance.reference} is on its way.",
            None,
            [instance.customer_email],
        )
