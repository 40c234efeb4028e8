from django.db import models


class Order(models.Model):
    """An order of the shop. Shipping it is announced with the order_shipped signal."""

    reference = models.CharField(max_length=20, unique=True)
    shipped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.reference


class ShipmentLog(models.Model):
    """One line of the shipping log: the sync receiver writes it."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="log_entries")
    message = models.CharField(max_length=200)

    def __str__(self):
        return self.message


class Pickup(models.Model):
    """The courier's pickup booked for an order: the async receiver books it."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="pickup")
    code = models.CharField(max_length=40)

    def __str__(self):
        return f"Pickup {self.code}"
