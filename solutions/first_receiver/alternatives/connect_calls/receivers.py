"""Alternative: no decorator, post_save.connect() calls at module level.

Why it is correct too: @receiver(post_save, sender=Guest) is exactly a call to
post_save.connect(greet, sender=Guest) once the function is defined. Spelling the calls
out keeps the wiring in one place, and start_greeting() reuses it.
"""

from django.db.models.signals import post_save

from .models import Greeting, Guest, Speaker

SENDERS = (Guest, Speaker)


def greet(sender, instance, created, **kwargs):
    if created:
        Greeting.objects.create(text=f"Welcome, {sender._meta.verbose_name} {instance.name}!")


def start_greeting():
    for sender in SENDERS:
        post_save.connect(greet, sender=sender, dispatch_uid="first_receiver.greet")


def stop_greeting():
    for sender in SENDERS:
        post_save.disconnect(sender=sender, dispatch_uid="first_receiver.greet")


start_greeting()
