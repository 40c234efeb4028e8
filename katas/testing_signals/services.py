"""Placing an order (given): save it, then announce it with order_placed."""

from django.db import transaction

from .models import Order
from .signals import order_placed


def place_order(customer_email, total):
    """Save a new order and send order_placed once, in one transaction; return the order."""
    with transaction.atomic():
        order = Order.objects.create(customer_email=customer_email, total=total)
        order_placed.send(sender=Order, order=order)
    return order
