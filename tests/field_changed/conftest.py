"""Fixtures of the field_changed kata: orders, and saves that commit and teach."""

import itertools

import pytest

from katas.field_changed.models import Order
from tests.signal_tools import learner_code

_references = itertools.count(1)

ADVICE = {
    AttributeError: (
        "An Order built before your receivers were connected, or one of your receivers "
        "reading an attribute it set itself under another name? Every Order goes through "
        "post_init (Order(...), create(), each row of a queryset, refresh_from_db()'s own "
        "copy): set what you remember there, for every instance."
    ),
}


def new_order(status=Order.Status.PAID, **fields) -> Order:
    """Create an order with a reference and customer of its own (no email expected)."""
    number = next(_references)
    fields.setdefault("reference", f"ORD-{number:04d}")
    fields.setdefault("customer_email", f"customer{number}@example.com")
    with learner_code("Creating an order", ADVICE):
        return Order.objects.create(status=status, **fields)


def fresh(order, queryset=None) -> Order:
    """The order as another request would see it: loaded from the database again."""
    return (queryset if queryset is not None else Order.objects).get(pk=order.pk)


class Shop:
    """Runs the test's steps as the learner's code sees them: each save commits."""

    def __init__(self, capture_on_commit):
        self.capture_on_commit = capture_on_commit

    def run(self, doing, step, *args, **kwargs):
        """Call ``step`` (a save, a create, a reload) and run what waits for the commit.

        An exception from the learner's receivers becomes a failure that names their line.
        """
        with learner_code(doing, ADVICE), self.capture_on_commit(execute=True):
            return step(*args, **kwargs)

    def save(self, order, doing="Saving an order", **kwargs):
        return self.run(doing, order.save, **kwargs)

    def create(self, doing="Creating an order", **fields):
        return self.run(doing, new_order, **fields)

    def refresh(self, order, doing="order.refresh_from_db()", **kwargs):
        return self.run(doing, order.refresh_from_db, **kwargs)

    def load(self, order, queryset=None, doing="Loading an order"):
        return self.run(doing, fresh, order, queryset)


@pytest.fixture
def shop(django_capture_on_commit_callbacks):
    return Shop(django_capture_on_commit_callbacks)
