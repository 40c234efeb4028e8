"""Mistake: remember the status in post_init only, never after a save.

What is wrong: the instance keeps comparing with the status it was loaded with. Ship it,
then save it again for any reason (a tracking number), and it still looks like a change
from "paid" to "shipped": a second email, and a third.
Why people write it: "remember what was loaded" reads like the whole idea, and the first
save is right.

Expected message: After each save, remember the status that was just saved
"""

from django.core.mail import send_mail
from django.db.models.signals import post_init, post_save
from django.dispatch import receiver

from .models import Order


@receiver(post_init, sender=Order, dispatch_uid="field_changed.remember_status_post_init")
def remember_status_post_init(sender, instance, **kwargs):
    if "status" not in instance.get_deferred_fields():
        instance._stored_status = instance.status


@receiver(post_save, sender=Order, dispatch_uid="field_changed.notify_shipped_post_save")
def notify_shipped_post_save(sender, instance, created, **kwargs):
    if created or instance.status != Order.Status.SHIPPED:
        return
    if getattr(instance, "_stored_status", None) != Order.Status.SHIPPED:
        send_mail(
            f"Your order {instance.reference} has shipped",
            f"Your order {instance.reference} is on its way.",
            None,
            [instance.customer_email],
        )
