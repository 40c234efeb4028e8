"""Alternative: create_orders() in transaction.atomic().

A bulk import is all or nothing. bulk_create() alone already is, across its
batches (it runs in an atomic block of its own); atomic() here says so in the
service, and is where the import's other writes (an audit row, a stock update)
would join it, to commit or roll back together. Inside a test's transaction it
costs a SAVEPOINT and its RELEASE, which write no data: it is still one INSERT.
"""

from decimal import Decimal

from django.db import transaction

from .models import Order

CENT = Decimal("0.01")


def order_total(order) -> Decimal:
    gross = order.unit_price * order.quantity
    return (gross * (100 - order.discount_percent) / 100).quantize(CENT)


def create_orders(rows) -> list:
    orders = [Order(**row) for row in rows]
    for order in orders:
        order.total = order_total(order)
    with transaction.atomic():
        return Order.objects.bulk_create(orders)
