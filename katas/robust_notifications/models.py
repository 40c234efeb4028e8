from django.db import models


class Order(models.Model):
    """A customer's order, waiting for its payment."""

    class Status(models.TextChoices):
        PENDING = "pending"
        PAID = "paid"

    number = models.CharField(max_length=20, unique=True)
    email = models.EmailField()
    phone = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=8, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)

    def __str__(self):
        return f"Order {self.number}"


class Payment(models.Model):
    """The ledger's record of a payment: one per order, and one per provider reference."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="payment")
    reference = models.CharField(max_length=50, unique=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2)

    def __str__(self):
        return f"Payment {self.reference} for {self.order}"


class Shipment(models.Model):
    """The warehouse's job: pack and ship a paid order."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="shipment")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Shipment of {self.order}"
