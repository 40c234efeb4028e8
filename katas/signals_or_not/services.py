"""Order services: the business rules, called explicitly where orders are made."""

from decimal import Decimal

from .models import Order


def order_total(order) -> Decimal:
    """Return what ``order`` costs: quantity x unit price, less the discount."""
    # TODO (task 2): compute it here (the shipped post_save receiver does it, too late).
    return Decimal("0")


def create_orders(rows) -> list:
    """Create one Order per dict in ``rows`` with a single bulk INSERT; return them."""
    # TODO (task 2): every order must have its total. bulk_create sends no signals.
    return Order.objects.bulk_create([Order(**row) for row in rows])
