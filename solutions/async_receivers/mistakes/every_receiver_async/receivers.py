"""Mistake: make every receiver async, the log receiver too, and keep its sync ORM call.

What is wrong: "async def" changes where the code runs (in the event loop), not what
it may do there. log_shipment's ShipmentLog.objects.create() now raises
SynchronousOnlyOperation, from send() and from asend() alike. A receiver that only
does sync work is best left sync: asend() runs it through sync_to_async() for you.
Why people write it: "the service is async, so every receiver must be async".

Expected message: SynchronousOnlyOperation: a sync ORM call ran inside the event loop
"""

from django.dispatch import receiver

from .courier import request_pickup
from .models import Pickup, ShipmentLog
from .signals import order_shipped


@receiver(order_shipped)
async def log_shipment(sender, order, **kwargs):
    ShipmentLog.objects.create(order=order, message=f"Order {order.reference} shipped")


@receiver(order_shipped)
async def book_pickup(sender, order, **kwargs):
    code = await request_pickup(order.reference)
    await Pickup.objects.acreate(order=order, code=code)
