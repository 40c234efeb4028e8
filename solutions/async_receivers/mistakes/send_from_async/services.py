"""Mistake: send() from the async service.

What is wrong: send() calls the sync receivers right where it is called, here inside
the event loop. log_shipment's ORM call then raises SynchronousOnlyOperation (and an
async receiver would need async_to_sync() inside the loop, which raises too).
Why people write it: send() is what every tutorial shows, and the sync service next
to it uses it.

Expected message: await order_shipped.asend(...)
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
    order_shipped.send(sender=Order, order=order)
