"""The shop's own signal (given).

``order_placed`` is sent by ``place_order()`` once an order is saved, inside the
order's transaction, with ``sender=Order`` and one argument: ``order``, the Order
just placed. Any app may connect to it; this one emails the customer
(``receivers.py``).
"""

from django.dispatch import Signal

order_placed = Signal()  # sender=Order, order=<the Order placed>
