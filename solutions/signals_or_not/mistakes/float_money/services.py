"""Mistake: money computed with floats.

What is wrong: a float cannot hold 0.10 or 19.99 exactly; the errors are small,
but they add up over thousands of orders, and a total that prints as 19.99 may be
19.990000000000002 underneath. Money is Decimal, end to end.
Why people write it: ``1 - discount / 100`` reads naturally, and float() silences
the TypeError that Decimal * float raises.

Expected message: returned a float
"""

from .models import Order


def order_total(order):
    price = float(order.unit_price)
    return round(order.quantity * price * (1 - order.discount_percent / 100), 2)


def create_orders(rows) -> list:
    orders = [Order(**row) for row in rows]
    for order in orders:
        order.total = order_total(order)
    return Order.objects.bulk_create(orders)
