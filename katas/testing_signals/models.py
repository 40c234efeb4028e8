from django.db import models


class Order(models.Model):
    """An order a customer placed in the shop: who to email, and how much it came to."""

    customer_email = models.EmailField()
    total = models.DecimalField(max_digits=8, decimal_places=2)

    def __str__(self):
        return f"Order #{self.pk} ({self.customer_email}, {self.total})"
