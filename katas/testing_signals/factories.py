"""Test data (given): orders made straight in the database, for tests.

An order made by a factory is not a real order: it must not email the warehouse.
``mute_signals`` takes every post_save receiver off while the factory saves, and
puts them back after.
"""

from decimal import Decimal

import factory
from django.db.models.signals import post_save
from factory.django import DjangoModelFactory, mute_signals

from .models import Order


@mute_signals(post_save)
class OrderFactory(DjangoModelFactory):
    class Meta:
        model = Order

    customer_email = factory.Sequence(lambda n: f"customer{n}@example.com")
    total = Decimal("25.00")
