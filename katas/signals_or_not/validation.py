"""Validation of an Order: called by Order.clean(), so full_clean(), forms and the admin use it."""

from django.core.exceptions import ValidationError  # noqa: F401  (you will need it)


def validate_order(order):
    """Raise ValidationError if ``order`` breaks a rule; return None if it is valid."""
    # TODO (task 1): a discount above Order.MAX_DISCOUNT_PERCENT is invalid. Report it
    #   as a ValidationError on the discount_percent field, so a form shows it there.
