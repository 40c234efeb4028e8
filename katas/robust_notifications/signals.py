"""Given: the checkout's two events. Their receivers live in receivers.py.

payment_received(sender=Order, order, amount, reference)
    The payment provider confirmed a payment. The ledger records it: that must
    never fail unnoticed.
order_paid(sender=Order, order)
    The order is paid. Notifications and other side effects follow: a receipt
    email, a shipment for the warehouse, a text message.
"""

from django.dispatch import Signal

payment_received = Signal()
order_paid = Signal()
