"""Mistake: trust post_init to keep the remembered status right, reloads included.

What is wrong: refresh_from_db() loads a fresh instance (post_init is sent for that one)
and copies its values onto yours; your instance keeps the status it was loaded with. An
order shipped by another request and reloaded here looks like "paid" to "shipped" on its
next save: a second email. The other way round, an order reshipped after a reload sends
none.
Why people write it: it looks as if a reload "builds" the instance again; nothing in the
code shows that it does not.

Expected message: what you remembered is stale
"""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_init, post_save, pre_save
from django.dispatch import receiver

from .models import Order

UNKNOWN = object()  # the status was deferred (only()/defer()): loaded, so known, only on demand


def writes_status(update_fields):
    """True when this save writes the status column (every column, or a list naming it)."""
    return update_fields is None or "status" in update_fields


@receiver(post_init, sender=Order, dispatch_uid="field_changed.remember_status_post_init")
def remember_status_post_init(sender, instance, **kwargs):
    # post_init runs for every Order built: each row of every queryset. Keep it cheap,
    # and never read a deferred status here: that is a query per instance loaded.
    if "status" in instance.get_deferred_fields():
        instance._stored_status = UNKNOWN
    else:
        instance._stored_status = instance.status


@receiver(pre_save, sender=Order, dispatch_uid="field_changed.read_unknown_status_pre_save")
def read_unknown_status_pre_save(sender, instance, update_fields, using, **kwargs):
    # An order loaded without its status and given one: ask the database what it holds
    # now, before this save overwrites it. One query, for this save only.
    if instance._stored_status is UNKNOWN and writes_status(update_fields):
        stored = sender._base_manager.using(using).filter(pk=instance.pk)
        instance._stored_status = stored.values_list("status", flat=True).first()


@receiver(post_save, sender=Order, dispatch_uid="field_changed.notify_shipped_post_save")
def notify_shipped_post_save(sender, instance, created, update_fields, using, **kwargs):
    if not writes_status(update_fields):
        return  # the status column was not written: the row still holds the old one
    shipped = instance.status == Order.Status.SHIPPED
    if shipped and not created and instance._stored_status != Order.Status.SHIPPED:
        mail = partial(
            send_mail,
            f"Your order {instance.reference} has shipped",
            f"Your order {instance.reference} is on its way. "
            f"Tracking number: {instance.tracking_number or 'to follow'}.",
            None,
            [instance.customer_email],
        )
        transaction.on_commit(mail, using=using)  # no email for a save that rolls back
    instance._stored_status = instance.status
