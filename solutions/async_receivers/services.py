"""The shop's services: ship an order, from sync code or from async code."""

from django.utils import timezone

from .models import Order
from .signals import order_shipped


def ship_order(order):
    """Mark ``order`` shipped and announce it (sync code: a view, a management command)."""
    order.shipped_at = timezone.now()
    order.save(update_fields=["shipped_at"])
    # send() calls the sync receivers here, then the async ones through async_to_sync().
    order_shipped.send(sender=Order, order=order)


async def aship_order(order):
    """The same, from async code (an async view, a consumer, an async task)."""
    order.shipped_at = timezone.now()
    await order.asave(update_fields=["shipped_at"])
    # asend() awaits the async receivers and runs the sync ones through sync_to_async():
    # send() here would call log_shipment inside the event loop, where the ORM raises
    # SynchronousOnlyOperation.
    await order_shipped.asend(sender=Order, order=order)
