"""Broken: importing the factories disconnects the warehouse receiver, for good."""

from decimal import Decimal

import factory
from django.db.models.signals import post_save
from factory.django import DjangoModelFactory

from .models import Order

# Orders made by tests must not email the warehouse.
post_save.disconnect(sender=Order, dispatch_uid="testing_signals.notify_warehouse")


class OrderFactory(DjangoModelFactory):
    class Meta:
        model = Order

    customer_email = factory.Sequence(lambda n: f"customer{n}@example.com")
    total = Decimal("25.00")
