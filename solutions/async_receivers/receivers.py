"""Receivers: what happens when an order is shipped. One sync, one async."""

from django.dispatch import receiver

from .courier import request_pickup
from .models import Pickup, ShipmentLog
from .signals import order_shipped


@receiver(order_shipped, dispatch_uid="async_receivers.log_shipment")
def log_shipment(sender, order, **kwargs):
    """Write the shipping log line (plain sync ORM).

    Sent with send(), it runs in the caller's thread. Sent with asend(), Django runs
    it through sync_to_async(), so the sync ORM is allowed here either way.
    """
    ShipmentLog.objects.create(order=order, message=f"Order {order.reference} shipped")


@receiver(order_shipped, dispatch_uid="async_receivers.book_pickup")
async def book_pickup(sender, order, **kwargs):
    """Book the courier's pickup: awaits the courier's async client, then the async ORM.

    Sent with asend(), Django awaits it; sent with send(), Django runs it through
    async_to_sync(). Inside it, only the ORM's async methods (acreate...) are allowed.
    """
    code = await request_pickup(order.reference)
    await Pickup.objects.acreate(order=order, code=code)
