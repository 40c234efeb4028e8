"""Validation of an Order: called by Order.clean(), so full_clean(), forms and the admin use it."""

from django.core.exceptions import ValidationError


def validate_order(order):
    """Raise ValidationError if ``order`` breaks a rule; return None if it is valid.

    The error is keyed by field, so a ModelForm shows it beside the discount
    input instead of crashing in save() with an exception no user ever sees.
    """
    limit = order.MAX_DISCOUNT_PERCENT
    if order.discount_percent is not None and order.discount_percent > limit:
        raise ValidationError(
            {
                "discount_percent": ValidationError(
                    "A discount can be at most %(limit)s%%.",
                    code="max_discount",
                    params={"limit": limit},
                )
            }
        )
