"""Mistake: the sync ORM inside the async receiver.

What is wrong: an async receiver runs in the event loop, sent with asend() or with
send() (through async_to_sync()). Pickup.objects.create() there raises
SynchronousOnlyOperation: Django refuses blocking database calls in the loop.
Why people write it: the receiver awaits the courier, so it is async, and the ORM
line is copied from sync code.

Expected message: use the ORM's async methods
"""

from django.dispatch import receiver

from .courier import request_pickup
from .models import Pickup, ShipmentLog
from .signals import order_shipped


@receiver(order_shipped)
def log_shipment(sender, order, **kwargs):
    ShipmentLog.objects.create(order=order, message=f"Order {order.reference} shipped")


@receiver(order_shipped)
async def book_pickup(sender, order, **kwargs):
    code = await request_pickup(order.reference)
    Pickup.objects.create(order=order, code=code)
