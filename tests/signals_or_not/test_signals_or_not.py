"""Validation, core rules and hot paths do not belong in signals."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext

from katas.signals_or_not import services
from katas.signals_or_not.models import Order
from tests.signal_tools import connected

pytestmark = pytest.mark.django_db


class OrderForm(forms.ModelForm):
    class Meta:
        model = Order
        fields = ["customer_email", "quantity", "unit_price", "discount_percent"]


def order(**fields):
    values = {"customer_email": "ada@example.com", "quantity": 3, "unit_price": Decimal("10.00")}
    return Order(**{**values, **fields})


@pytest.mark.task(1)
def test_full_clean_reports_a_too_large_discount_on_its_field():
    rejected = None
    try:
        order(discount_percent=50).full_clean()
    except ValidationError as error:
        rejected = error
    if rejected:
        pytest.fail(
            f"full_clean() rejected a 50% discount, the limit itself ({rejected}). Only a "
            "discount above Order.MAX_DISCOUNT_PERCENT is invalid: compare with >, not >=.",
            pytrace=False,
        )
    problem = None
    try:
        order(discount_percent=80).full_clean()
    except ValidationError as error:
        fields = sorted(getattr(error, "error_dict", {"__all__": None}))
        if fields != ["discount_percent"]:
            problem = (
                f"full_clean() raised a ValidationError on {fields}; it should name the "
                "discount_percent field (raise ValidationError({'discount_percent': ...}))."
            )
    except Exception as error:  # a ValueError from a validator is the classic mistake
        problem = (
            f"full_clean() raised {type(error).__name__}: {error}. Validation reports "
            "problems as django.core.exceptions.ValidationError."
        )
    else:
        problem = (
            "full_clean() accepted an order with an 80% discount (the limit is 50%). "
            "Write the rule in katas/signals_or_not/validation.py."
        )
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.mark.task(1)
def test_a_model_form_shows_the_discount_error_beside_the_field():
    data = {"customer_email": "ada@example.com", "quantity": 1, "unit_price": "5.00"}
    valid = OrderForm({**data, "discount_percent": 10})
    invalid = OrderForm({**data, "discount_percent": 75})

    assert valid.is_valid(), f"A 10% discount should be valid; errors: {valid.errors.as_data()}"
    crashed = None
    try:
        invalid.is_valid()
    except Exception as error:  # forms catch ValidationError only
        crashed = f"{type(error).__name__}: {error}"
    if crashed:
        pytest.fail(
            f"Validating a ModelForm with a 75% discount raised {crashed}. A form turns only "
            "django.core.exceptions.ValidationError into an error it can show.",
            pytrace=False,
        )
    assert not invalid.is_valid(), (
        "A ModelForm with a 75% discount should be invalid; it was valid. A pre_save receiver "
        "that raises never reaches a form: the form is valid, then save() crashes."
    )
    assert "discount_percent" in invalid.errors, (
        "The form's error should sit on the discount_percent field; it was on "
        f"{sorted(invalid.errors)}. Raise ValidationError({{'discount_percent': ...}})."
    )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("quantity", "unit_price", "discount", "expected"),
    [(3, "10.00", 10, "27.00"), (4, "2.50", 0, "10.00"), (2, "19.99", 50, "19.99")],
)
def test_order_total_is_a_plain_function(quantity, unit_price, discount, expected):
    unsaved = order(quantity=quantity, unit_price=Decimal(unit_price), discount_percent=discount)

    problem = None
    try:
        total = services.order_total(unsaved)
    except TypeError as error:  # Decimal * float is the classic slip
        problem = (
            f"order_total() raised TypeError: {error}. Money is Decimal: keep every operand "
            "a Decimal or an int (100 - discount_percent, then / 100), never a float."
        )
    if problem:
        pytest.fail(problem, pytrace=False)

    assert isinstance(total, Decimal), (
        f"order_total() of {quantity} x {unit_price} with {discount}% off returned a "
        f"{type(total).__name__} ({total!r}), not a Decimal. Money is Decimal: floats cannot "
        "hold 0.10 exactly, and their errors add up over many orders."
    )
    assert total == Decimal(expected), (
        f"order_total() of {quantity} x {unit_price} with {discount}% off should be {expected}; "
        f"got {total!r}. Compute it in katas/signals_or_not/services.py, without saving."
    )
    assert (unsaved.pk, Order.objects.count()) == (None, 0), (
        "order_total() saved the order: it should only compute its total. Callers save "
        "(create_orders() with one bulk INSERT, a form, a view)."
    )


def writes(queries):
    """The statements that change data: savepoints and SELECTs are not what costs here."""
    verbs = ("INSERT", "UPDATE", "DELETE", "REPLACE")
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(verbs)]


def shown(queries):
    return [query["sql"][:60] for query in queries]


@pytest.mark.task(2)
def test_create_orders_in_bulk_sets_every_total():
    rows = [
        {
            "customer_email": "a@example.com",
            "quantity": 3,
            "unit_price": Decimal("10.00"),
            "discount_percent": 10,
        },
        {"customer_email": "b@example.com", "quantity": 1, "unit_price": Decimal("8.00")},
    ]

    problem, created = None, None
    try:
        with CaptureQueriesContext(connection) as queries:
            created = services.create_orders(rows)
    except TypeError as error:
        problem = f"create_orders() raised TypeError: {error}. Money is Decimal: no floats."
    if problem:
        pytest.fail(problem, pytrace=False)

    totals = sorted(Order.objects.values_list("customer_email", "total"))
    assert totals == [("a@example.com", Decimal("27.00")), ("b@example.com", Decimal("8.00"))], (
        f"After create_orders() the stored totals should be 27.00 and 8.00; found {totals}. "
        "bulk_create sends no post_save: a total computed by a receiver is never stored."
    )
    assert len(writes(queries)) == 1, (
        f"create_orders() wrote {len(writes(queries))} times for 2 orders ({shown(queries)}); "
        "it should be one bulk INSERT. Set each order's total with order_total() before "
        "bulk_create()."
    )
    returned = [(o.customer_email, o.total) for o in created or []]
    assert returned == totals, (
        f"create_orders() should return the orders it created, with their totals; it returned "
        f"{created!r}. Return what bulk_create() returns."
    )


def kata_receivers(signal):
    """The kata's receivers that an Order save reaches: for Order, or for every sender."""
    found = connected(signal, sender=Order) + connected(signal, sender=None)
    return [r for r in found if (getattr(r, "__module__", "") or "").startswith("katas.signals")]


@pytest.mark.task(3)
def test_no_save_receiver_remains_for_order():
    remaining = {
        name: [getattr(r, "__qualname__", repr(r)) for r in kata_receivers(signal)]
        for name, signal in (("pre_save", pre_save), ("post_save", post_save))
    }
    anyone = [
        r.__qualname__
        for signal in (pre_save, post_save)
        for r in connected(signal, sender=None)
        if r in kata_receivers(signal)
    ]

    assert remaining == {"pre_save": [], "post_save": []}, (
        f"These receivers of the kata still run when an Order is saved: {remaining}"
        + (
            f" ({anyone} connected with no sender: they run on every model's saves, and an "
            "isinstance() check inside does not make them any less hidden)"
            if anyone
            else ""
        )
        + ". Validation and the total now live in validation.py and services.py: delete the "
        "receivers in receivers.py."
    )


@pytest.mark.task(3)
def test_saving_an_order_is_one_query():
    placed = order(discount_percent=10)

    with CaptureQueriesContext(connection) as queries:
        placed.save()
    assert len(writes(queries)) == 1, (
        f"Saving an order wrote {len(writes(queries))} times instead of one INSERT: "
        f"{shown(queries)}. A post_save receiver that writes again doubles the cost of every "
        "save: delete it."
    )
    # An invalid order is full_clean's business, not save()'s: saving must not crash.
    crashed = None
    try:
        order(discount_percent=90).save()
    except (ValueError, ValidationError) as error:
        crashed = f"{type(error).__name__} ({error})"
    if crashed:
        pytest.fail(
            f"save() raised {crashed} from a pre_save receiver. Forms and the admin cannot "
            "show that; validation belongs in full_clean().",
            pytrace=False,
        )
