"""Mistake: connected with a dispatch_uid at import, connected again without one.

What is wrong: a receiver connected with ``dispatch_uid`` is stored under the key
(dispatch_uid, sender); a connect without it under (the function, sender). Two keys, two
receivers: start_greeting() while greetings are on makes every guest welcomed twice.
Why people write it: "it's the same function, Django de-duplicates that". It does, but
only under the same key.

Expected message: a connect with a dispatch_uid and one without are two receivers
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Greeting, Guest, Speaker


@receiver(post_save, sender=Guest, dispatch_uid="first_receiver.greet")
@receiver(post_save, sender=Speaker, dispatch_uid="first_receiver.greet")
def greet(sender, instance, created, **kwargs):
    if created:
        Greeting.objects.create(text=f"Welcome, {sender._meta.verbose_name} {instance.name}!")


def stop_greeting():
    for sender in (Guest, Speaker):
        post_save.disconnect(sender=sender, dispatch_uid="first_receiver.greet")


def start_greeting():
    for sender in (Guest, Speaker):
        post_save.connect(greet, sender=sender)
