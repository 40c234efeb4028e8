"""Order services: the business rules, called explicitly where orders are made."""

from decimal import Decimal

from .models import Order

CENT = Decimal("0.01")


def order_total(order) -> Decimal:
    """Return what ``order`` costs: quantity x unit price, less the discount, in cents."""
    gross = order.unit_price * order.quantity
    return (gross * (100 - order.discount_percent) / 100).quantize(CENT)


def create_orders(rows) -> list:
    """Create one Order per dict in ``rows`` with a single bulk INSERT; return them.

    bulk_create sends no pre_save or post_save: a total computed by a receiver
    would silently stay 0 here. Computing it in the service makes it right on
    every path, and costs no extra query.
    """
    orders = [Order(**row) for row in rows]
    for order in orders:
        order.total = order_total(order)
    return Order.objects.bulk_create(orders)
