"""Mistake: call asend() without await.

What is wrong: asend() is a coroutine function: calling it only creates a coroutine.
Without await nothing is sent, no receiver runs, and Python only warns, later, that
the coroutine was never awaited.
Why people write it: the line looks like send(), and nothing fails.

Expected message: Announce the shipment from aship_order()
"""

from django.utils import timezone

from .models import Order
from .signals import order_shipped


def ship_order(order):
    order.shipped_at = timezone.now()
    order.save(update_fields=["shipped_at"])
    order_shipped.send(sender=Order, order=order)


async def aship_order(order):
    order.shipped_at = timezone.now()
    await order.asave(update_fields=["shipped_at"])
    order_shipped.asend(sender=Order, order=order)  # noqa: RUF006 - the mistake on show
