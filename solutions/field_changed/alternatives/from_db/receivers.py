"""Alternative: remember the loaded status in from_db(), not in a post_init receiver.

Why it is correct too: Django builds every instance a query returns with Model.from_db(),
whose `field_names` say which columns were loaded: no signal is dispatched per instance,
and a deferred status is plainly not there. Instances built in Python (Order(...),
create()) never pass through from_db(): post_save remembers their status when they are
created, and an instance that knows nothing asks the row in pre_save. A reload copies
values from another instance, so Order.refresh_from_db is wrapped as in the reference.
In your own project, write from_db() on the model itself (the docs show how); here the
model is given, so it is set once, when ready() imports this module. Django 6.1 passes
from_db() a `fetch_mode` keyword: accept **kwargs and hand them on.
"""

from functools import partial, wraps

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Order

STORED = "_stored_status"  # absent: this instance does not know what its row holds


def writes_status(update_fields):
    return update_fields is None or "status" in update_fields


def remember_loaded_status(from_db):
    @wraps(from_db)
    def loaded(cls, db, field_names, values, **kwargs):
        instance = from_db.__func__(cls, db, field_names, values, **kwargs)
        if "status" in field_names:
            instance.__dict__[STORED] = instance.status
        return instance

    return classmethod(loaded)


@receiver(pre_save, sender=Order, dispatch_uid="field_changed.read_unknown_status_pre_save")
def read_unknown_status_pre_save(sender, instance, update_fields, using, **kwargs):
    unknown = STORED not in instance.__dict__ and not instance._state.adding
    if unknown and writes_status(update_fields):
        stored = sender._base_manager.using(using).filter(pk=instance.pk)
        instance.__dict__[STORED] = stored.values_list("status", flat=True).first()


@receiver(post_save, sender=Order, dispatch_uid="field_changed.notify_shipped_post_save")
def notify_shipped_post_save(sender, instance, created, update_fields, using, **kwargs):
    if not writes_status(update_fields):
        return
    before = instance.__dict__.get(STORED)
    if not created and instance.status == Order.Status.SHIPPED and before != Order.Status.SHIPPED:
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
    instance.__dict__[STORED] = instance.status


def remember_status_on_refresh(refresh_from_db):
    @wraps(refresh_from_db)
    def refresh(self, using=None, fields=None, **kwargs):
        fields = None if fields is None else list(fields)
        refresh_from_db(self, using=using, fields=fields, **kwargs)
        if (fields is None or "status" in fields) and "status" not in self.get_deferred_fields():
            self.__dict__[STORED] = self.status

    return refresh


if not hasattr(Order.from_db, "__wrapped__"):
    Order.from_db = remember_loaded_status(Order.from_db)
    Order.refresh_from_db = remember_status_on_refresh(Order.refresh_from_db)
