"""Alternative: run send() in a thread with sync_to_async(), from the async service.

Why it is correct too: sync_to_async() (thread-sensitive by default) runs send() where
the sync ORM is allowed; send() then calls the sync receivers there and the async
ones through async_to_sync(), which hands them back to the event loop. It is what
async code did before asend() existed. asend() says the same thing more directly,
and spares a thread hop when every receiver is async.
"""

from asgiref.sync import sync_to_async
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
    await sync_to_async(order_shipped.send)(sender=Order, order=order)
