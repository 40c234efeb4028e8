"""What the katas claim about real databases, shown on PostgreSQL (DATABASE_URL).

The kata tests run on PostgreSQL too (the tox `-postgres` envs); these show the two
database facts the katas teach, and that the kata under test holds up against them.
"""

import pytest
from django.db import DataError
from django.db.models import F

from katas.order_receivers.models import Order, Product
from katas.slug_on_save.models import Blog

from .race import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_slug_longer_than_its_column_is_an_error():
    max_length = Blog._meta.get_field("slug").max_length
    # bulk_create sends no pre_save: no receiver can cut the slug, the database alone decides.
    with pytest.raises(DataError, match="too long"):
        Blog.objects.bulk_create([Blog(title="Long", slug="a" * (max_length + 1))])
    assert not Blog.objects.exists()


@pytest.fixture
def product():
    return Product.objects.create(name="Signal flag", stock=10)


def stock_of(product):
    return Product.objects.values_list("stock", flat=True).get(pk=product.pk)


def test_read_modify_write_loses_an_update_with_two_connections(product):
    def take(quantity):
        fresh = Product.objects.get(pk=product.pk)  # read...
        fresh.stock -= quantity  # ...modify in Python...
        fresh.save()  # ...write back what this transaction saw

    assert race(lambda: take(2), lambda: take(3)) == (None, None)
    # The second transaction read 10 before the first committed its 8, then wrote 10 - 3.
    assert stock_of(product) == 7


def test_an_f_expression_keeps_both_updates_with_two_connections(product):
    def take(quantity):
        Product.objects.filter(pk=product.pk).update(stock=F("stock") - quantity)

    assert race(lambda: take(2), lambda: take(3)) == (None, None)
    # The second UPDATE waited for the first's row lock, then subtracted from its 8.
    assert stock_of(product) == 5


def test_orders_placed_on_two_connections_both_count(product):
    """The order_receivers kata (whichever target runs) under two concurrent orders."""

    def place(quantity):
        Order.objects.create(product=product, quantity=quantity, customer_email="a@example.com")

    errors = race(lambda: place(2), lambda: place(3))
    assert errors == (None, None), f"Placing the two orders raised {errors}."
    stock = stock_of(product)
    assert stock != 10, (
        "Neither order took stock off: this test checks the order_receivers kata's stock "
        "receiver under real concurrency. Finish that kata first (or run --solutions)."
    )
    assert stock == 5, (
        f"Two orders (2 and 3) placed at the same time on two connections should leave 5 of "
        f"10 in stock; found {stock}. A receiver that reads the stock and saves "
        "stock - quantity writes over the other transaction's update: let the database "
        "compute it, update(stock=F('stock') - quantity)."
    )
