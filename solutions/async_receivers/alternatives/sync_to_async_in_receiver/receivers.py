"""Alternative: the async receiver wraps a sync ORM call in sync_to_async().

Why it is correct too: sync_to_async() (thread-sensitive by default) runs the sync
get_or_create() where the ORM is allowed, and the receiver awaits it. That is what the
async ORM methods (acreate, aget_or_create) do for you; the wrapper is handy when the
sync code is more than one query. get_or_create also keeps a second shipment of the
same order from failing on the one-to-one pickup.
"""

from asgiref.sync import sync_to_async
from django.dispatch import receiver

from .courier import request_pickup
from .models import Pickup, ShipmentLog
from .signals import order_shipped


@receiver(order_shipped, dispatch_uid="async_receivers.log_shipment")
def log_shipment(sender, order, **kwargs):
    ShipmentLog.objects.create(order=order, message=f"Order {order.reference} shipped")


@receiver(order_shipped, dispatch_uid="async_receivers.book_pickup")
async def book_pickup(sender, order, **kwargs):
    code = await request_pickup(order.reference)
    await sync_to_async(Pickup.objects.get_or_create)(order=order, defaults={"code": code})
