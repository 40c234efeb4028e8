"""Mistake: a receiver that names its arguments and takes no `**kwargs`.

What is wrong: Django calls every receiver with keyword arguments: ``signal=`` and
``sender=`` always, plus each one the sender passes (post_save: instance, created, raw,
using, update_fields). A function that does not take them all raises TypeError on the
first save. Django checks for **kwargs at connect time only when DEBUG is True.
Why people write it: the parameters look complete, and with DEBUG off nothing complains
until a save happens.

Expected message: **kwargs (task 4)
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Greeting, Guest, Speaker


@receiver(post_save, sender=Guest)
@receiver(post_save, sender=Speaker)
def greet(sender, instance, created, raw, using, update_fields):
    if created:
        Greeting.objects.create(text=f"Welcome, {sender._meta.verbose_name} {instance.name}!")


def stop_greeting():
    for sender in (Guest, Speaker):
        post_save.disconnect(greet, sender=sender)


def start_greeting():
    for sender in (Guest, Speaker):
        post_save.connect(greet, sender=sender)
