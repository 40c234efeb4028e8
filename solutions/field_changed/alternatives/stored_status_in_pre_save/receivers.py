"""Alternative: no memory at all: read the row's status in pre_save, compare in post_save.

Why it is correct too: before a save writes the status, the row still holds the old one,
whatever happened to this instance (a reload, a deferred status, another request that
shipped the order meanwhile). Loading costs nothing extra: no receiver runs per instance
built. The price is one query for each save that writes the status of an existing order,
where the post_init version needs none.
"""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Order


def writes_status(update_fields):
    return update_fields is None or "status" in update_fields


@receiver(pre_save, sender=Order, dispatch_uid="field_changed.read_stored_status_pre_save")
def read_stored_status_pre_save(sender, instance, update_fields, using, **kwargs):
    instance._status_before_save = None
    if not instance._state.adding and writes_status(update_fields):
        stored = sender._base_manager.using(using).filter(pk=instance.pk)
        instance._status_before_save = stored.values_list("status", flat=True).first()


@receiver(post_save, sender=Order, dispatch_uid="field_changed.notify_shipped_post_save")
def notify_shipped_post_save(sender, instance, created, update_fields, using, **kwargs):
    if created or not writes_status(update_fields):
        return
    before = instance._status_before_save
    if instance.status == Order.Status.SHIPPED and before != Order.Status.SHIPPED:
        transaction.on_commit(
            partial(
                send_mail,
                f"Your order {instance.reference} has shipped",
                f"Your order {instance.reference} is on its way.",
                None,
                [instance.customer_email],
            ),
            using=using,
        )
