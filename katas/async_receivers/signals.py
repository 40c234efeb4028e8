"""Given: the signal of this kata, sent with ``order=`` when an order is shipped."""

from django.dispatch import Signal

order_shipped = Signal()
