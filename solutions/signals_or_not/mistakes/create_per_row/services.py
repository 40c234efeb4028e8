"""Mistake: create_orders() saves one order at a time.

What is wrong: one INSERT per row: the nightly import of 10,000 orders runs
10,000 queries where one bulk INSERT (or a few batches) would do. The totals are
right, which is why it looks fine on two rows.
Why people write it: Order.objects.create() sends the signals people are used
to, and a loop is the first thing that comes to mind.

Expected message: it should be one bulk INSERT
"""

from decimal import Decimal

from .models import Order


def order_total(order) -> Decimal:
    gross = order.unit_price * order.quantity
    return (gross * (100 - order.discount_percent) / 100).quantize(Decimal("0.01"))


def create_orders(rows) -> list:
    return [Order.objects.create(**row, total=order_total(Order(**row))) for row in rows]
