from decimal import Decimal

from django.db import models


class Order(models.Model):
    """An order of one product: the total is a core business rule, not a side effect."""

    MAX_DISCOUNT_PERCENT = 50

    customer_email = models.EmailField()
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    discount_percent = models.PositiveSmallIntegerField(
        default=0, help_text=f"At most {MAX_DISCOUNT_PERCENT}."
    )
    total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))

    def __str__(self):
        return f"{self.quantity} x {self.unit_price} for {self.customer_email}"

    def clean(self):
        # full_clean() (and so every ModelForm and the admin) calls clean(): the place
        # for validation. The rule itself is yours to write, in validation.py.
        super().clean()
        from . import validation

        validation.validate_order(self)
