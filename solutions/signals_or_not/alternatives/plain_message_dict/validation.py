"""Alternative: ValidationError({"discount_percent": "..."}) with a plain message.

A dict of field name to message is the shortest form that still puts the error
beside the field; the reference's nested ValidationError adds a code and params,
useful for translations and for tests that check error codes.
"""

from django.core.exceptions import ValidationError


def validate_order(order):
    if order.discount_percent > order.MAX_DISCOUNT_PERCENT:
        raise ValidationError(
            {"discount_percent": f"At most {order.MAX_DISCOUNT_PERCENT}% off, please."}
        )
