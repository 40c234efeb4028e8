"""Mistake: a greeting on every save, not only the first.

What is wrong: post_save is sent after every save(), inserts and updates alike. Without a
look at ``created`` a guest who fixes the spelling of their name is welcomed again.
Why people write it: the first test only ever creates guests, and it passes.

Expected message: `created` argument is True only for the first
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Greeting, Guest, Speaker


@receiver(post_save, sender=Guest)
@receiver(post_save, sender=Speaker)
def greet(sender, instance, **kwargs):
    Greeting.objects.create(text=f"Welcome, {sender._meta.verbose_name} {instance.name}!")


def stop_greeting():
    for sender in (Guest, Speaker):
        post_save.disconnect(greet, sender=sender)


def start_greeting():
    for sender in (Guest, Speaker):
        post_save.connect(greet, sender=sender)
