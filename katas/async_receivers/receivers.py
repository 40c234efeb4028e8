"""Receivers: what happens when an order is shipped.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write a sync receiver of `order_shipped` (from .signals) that writes
#   one ShipmentLog for the order, e.g. `log_shipment`. Useful imports:
#     from django.dispatch import receiver
#     from .models import ShipmentLog
#     from .signals import order_shipped
#
# TODO (task 2): write an async receiver (`async def`, e.g. `book_pickup`) that awaits
#   `request_pickup(order.reference)` (from .courier) and stores the code it returns
#   in a Pickup, with the async ORM: `await Pickup.objects.acreate(...)`.
