"""Mistake: validation that raises ValueError.

What is wrong: full_clean(), ModelForm.is_valid() and the admin catch only
django.core.exceptions.ValidationError. A ValueError from clean() escapes them:
the form does not show an error beside the field, the request crashes with a 500.
Why people write it: ValueError is Python's "bad value", and it is what the old
pre_save receiver raised.

Expected message: Validation reports problems as django.core.exceptions.ValidationError
"""


def validate_order(order):
    if order.discount_percent > order.MAX_DISCOUNT_PERCENT:
        raise ValueError("discount too large")
