"""Alternative: subtract the discount, round half up, build the rows in one pass.

gross - gross * discount / 100 is the same amount as gross * (100 - discount) /
100; ROUND_HALF_UP is what most invoices expect for half cents. Both are Decimal
all the way.
"""

from decimal import ROUND_HALF_UP, Decimal

from .models import Order


def order_total(order) -> Decimal:
    gross = order.unit_price * order.quantity
    discount = gross * order.discount_percent / Decimal(100)
    return (gross - discount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def create_orders(rows) -> list:
    orders = []
    for row in rows:
        order = Order(**row)
        order.total = order_total(order)
        orders.append(order)
    return Order.objects.bulk_create(orders)
