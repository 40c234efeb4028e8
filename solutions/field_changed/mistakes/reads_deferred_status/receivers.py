"""Mistake: remember `instance.status` in post_init, deferred or not.

What is wrong: post_init runs for every Order a queryset builds. When the queryset
deferred the status (only(), defer()), reading it loads it: refresh_from_db(), one query
per order. Listing 200 references costs 201 queries, and nothing in the code looks slow.
Why people write it: it is the usual tutorial version of "remember the old value", and
on a queryset that loads every column it costs nothing.

Expected message: put the order's status back
"""

from functools import partial, wraps

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


def remember_status_on_refresh(refresh_from_db):
    """Wrap Order.refresh_from_db: Django sends no signal for the instance it reloads.

    refresh_from_db() loads a fresh instance (post_init is sent for that one) and copies
    its values onto this one, so what post_init remembered here would go stale.
    """

    @wraps(refresh_from_db)
    def refresh(self, using=None, fields=None, **kwargs):
        fields = None if fields is None else list(fields)
        refresh_from_db(self, using=using, fields=fields, **kwargs)
        if fields is None or "status" in fields:
            remember_status_post_init(type(self), self)

    return refresh


# What django-dirtyfields does in its mixin and FieldTracker at class_prepared: here the
# model is given, so the wrap happens once, when ready() imports this module.
if not hasattr(Order.refresh_from_db, "__wrapped__"):
    Order.refresh_from_db = remember_status_on_refresh(Order.refresh_from_db)
