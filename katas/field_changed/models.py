from django.db import models


class Order(models.Model):
    """An order of the shop: paid, then shipped, then delivered (or cancelled on the way)."""

    class Status(models.TextChoices):
        PENDING = "pending"
        PAID = "paid"
        SHIPPED = "shipped"
        DELIVERED = "delivered"
        CANCELLED = "cancelled"

    reference = models.CharField(max_length=20, unique=True)
    customer_email = models.EmailField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    tracking_number = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return self.reference
