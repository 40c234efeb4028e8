"""Broken: the factory mutes nothing, so every order a test builds emails the warehouse."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from .models import Order


class OrderFactory(DjangoModelFactory):
    class Meta:
        model = Order

    customer_email = factory.Sequence(lambda n: f"customer{n}@example.com")
    total = Decimal("25.00")
