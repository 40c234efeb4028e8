"""Receivers: greet every new guest (and, later, every new speaker).

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write a function that Django calls after a Guest is saved, and that
#   creates a Greeting with the text "Welcome, guest <name>!". Connect it to the
#   `post_save` signal of Guest, here at module level (apps.py imports this module).
#   Useful imports:
#     from django.db.models.signals import post_save
#     from django.dispatch import receiver
#     from .models import Greeting, Guest, Speaker
#
# TODO (task 2): look at what the signal passes your function: `sender` (which class?),
#   `instance`, `created`. Greet only new guests, and only guests.
#
# TODO (task 3): greet new speakers too, "Welcome, speaker <name>!", with the SAME
#   function: connect it a second time, with sender=Speaker, and build the text from
#   `sender` (sender._meta.verbose_name is "guest" or "speaker").
#
# TODO (task 4): Django passes more keyword arguments than the ones you name (and adds
#   new ones over the years). Make sure your function takes them all: **kwargs.


def stop_greeting():
    """Stop greeting guests and speakers: disconnect the receiver from both senders."""
    # TODO (task 5): disconnect your function from post_save, for Guest and for Speaker.


def start_greeting():
    """Greet guests and speakers again (safe to call when greetings are already on)."""
    # TODO (task 5): connect your function again, for Guest and for Speaker.
