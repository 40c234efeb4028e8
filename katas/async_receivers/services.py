"""The shop's services: ship an order, from sync code or from async code.

Read README.md beside this file for the story and the tasks.
"""

from django.utils import timezone

from .models import Order
from .signals import order_shipped


def ship_order(order):
    """Mark ``order`` shipped and announce it (sync code: a view, a management command)."""
    order.shipped_at = timezone.now()
    order.save(update_fields=["shipped_at"])
    order_shipped.send(sender=Order, order=order)


async def aship_order(order):
    """The same, from async code (an async view, a consumer, an async task)."""
    order.shipped_at = timezone.now()
    await order.asave(update_fields=["shipped_at"])
    # TODO (task 3): announce it with order_shipped, as ship_order() does, but from
    #   the event loop: send() would run the sync receivers right here, where the ORM
    #   refuses to run. Use the async twin of send(), and await it.
