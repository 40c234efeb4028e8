"""Receivers: email the customer once, when an order's status becomes "shipped".

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): post_save says an Order was saved, not what its status was before.
#   Connect a post_init receiver (sender=Order) that remembers, on the instance, the
#   status it was built with, and a post_save receiver that emails the customer
#   (django.core.mail.send_mail, to instance.customer_email, naming instance.reference)
#   when the saved status is "shipped" and the remembered one was not. Never for a new
#   row (`created`).
#   from django.core.mail import send_mail
#   from django.db.models.signals import post_init, post_save
#   from django.dispatch import receiver
#   from .models import Order
#
# TODO (task 2): after each save, remember the status that was just saved, on that
#   instance only: the next save compares with it.
#
# TODO (task 3): a save whose update_fields leave "status" out does not write it: no
#   email, and nothing new to remember. refresh_from_db() sends no signal for your
#   instance (post_init goes to a fresh copy it loads): make what you remember follow
#   the reload, or compare with the row itself before the save (pre_save).
#
# TODO (task 4): post_init runs for every Order loaded: never query from it, and never
#   read a deferred status there (instance.get_deferred_fields()). An order loaded
#   without its status does not know it: ask the row before the save that writes it.
