"""Mistake: disconnect() without the sender the receiver was connected with.

What is wrong: connect() stores a receiver under the key (receiver, sender).
``post_save.disconnect(greet)`` looks for (greet, None), finds nothing, returns False,
and greetings go on.
Why people write it: "disconnect this function" sounds complete, and disconnect()
raises nothing when it removes nothing.

Expected message: disconnect() needs the same receiver and the same sender
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Greeting, Guest, Speaker


@receiver(post_save, sender=Guest)
@receiver(post_save, sender=Speaker)
def greet(sender, instance, created, **kwargs):
    if created:
        Greeting.objects.create(text=f"Welcome, {sender._meta.verbose_name} {instance.name}!")


def stop_greeting():
    post_save.disconnect(greet)


def start_greeting():
    for sender in (Guest, Speaker):
        post_save.connect(greet, sender=sender)
