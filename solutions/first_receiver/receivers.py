"""Greet every new guest and every new speaker: one receiver function, two senders."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Greeting, Guest, Speaker


# Two decorators, one per sender: @receiver(post_save, sender=X) is the same as calling
# post_save.connect(greet, sender=X) right after the function is defined.
@receiver(post_save, sender=Guest)
@receiver(post_save, sender=Speaker)
def greet(sender, instance, created, **kwargs):
    """Put "Welcome, <kind> <name>!" on the screen for a guest or speaker just inserted.

    ``sender`` is the model class that was saved (Guest or Speaker), ``instance`` the
    row itself, ``created`` true only on the first save. ``**kwargs`` takes the rest:
    ``signal``, ``raw``, ``using``, ``update_fields`` and whatever a later Django adds.
    """
    if not created:
        return
    Greeting.objects.create(text=f"Welcome, {sender._meta.verbose_name} {instance.name}!")


def stop_greeting():
    """Disconnect greet from both senders.

    disconnect() looks the receiver up the way connect() stored it: by the function
    and the sender (or by dispatch_uid and the sender). Forget the sender and nothing
    is disconnected; disconnect() returns False.
    """
    for sender in (Guest, Speaker):
        post_save.disconnect(greet, sender=sender)


def start_greeting():
    """Connect greet again; connecting the same function twice is a no-op."""
    for sender in (Guest, Speaker):
        post_save.connect(greet, sender=sender)
