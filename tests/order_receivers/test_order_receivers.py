"""One signal, two receivers: stock with F(), and a confirmation email."""

import pytest
from django.db.models.signals import post_save
from factory.django import mute_signals

from katas.order_receivers.models import Order, Product
from tests.signal_tools import call_learner, connected

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return Product.objects.create(name="Signal flag", stock=10)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block as if it committed (a receiver may rightly wait for the commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def stock_of(product):
    return Product.objects.values_list("stock", flat=True).get(pk=product.pk)


RECEIVER_ARGUMENTS = {
    TypeError: "A receiver must accept the arguments every signal sends: "
    "def receiver(sender, instance, created, **kwargs)."
}


def place(product, quantity=3, email="ada@example.com"):
    return call_learner(
        "Placing an order",
        Order.objects.create,
        product=product,
        quantity=quantity,
        customer_email=email,
        advice=RECEIVER_ARGUMENTS,
    )


@pytest.mark.task(1)
def test_placing_an_order_updates_stock_and_emails_the_customer(product, committed, mailoutbox):
    with committed():
        place(product, quantity=3)

    assert stock_of(product) == 7, (
        f"Placing an order of 3 should take stock from 10 to 7; it is {stock_of(product)}. "
        "Is your stock receiver connected to post_save of Order?"
    )
    recipients = [m.to for m in mailoutbox]
    assert recipients == [["ada@example.com"]], (
        f"Placing an order should send 1 email to the customer; sent to {recipients or 'nobody'}."
    )


@pytest.mark.task(2)
def test_saving_an_existing_order_again_changes_nothing(product, committed, mailoutbox):
    with committed():
        order = place(product, quantity=3)
    assert (stock_of(product), len(mailoutbox)) == (7, 1), (
        "Placing an order should take 3 off the stock and send 1 email; got stock "
        f"{stock_of(product)} and {len(mailoutbox)} email(s)."
    )

    with committed():
        order.customer_email = "grace@example.com"
        order.save()

    assert (stock_of(product), len(mailoutbox)) == (7, 1), (
        "Saving an existing order again must change no stock and send no email; now stock is "
        f"{stock_of(product)} and {len(mailoutbox)} email(s) went out. Check `created`."
    )


@pytest.mark.task(3)
def test_two_orders_from_stale_products_both_count(product, committed):
    first_copy = Product.objects.get(pk=product.pk)
    second_copy = Product.objects.get(pk=product.pk)  # stale once the first order is placed

    with committed():
        place(first_copy, quantity=2)
        place(second_copy, quantity=3)

    assert stock_of(product) == 5, (
        f"Two orders (2 and 3) from 10 should leave 5 in stock; found {stock_of(product)}. "
        "product.stock -= quantity; product.save() writes a stale value: update the row with "
        "F('stock') - quantity."
    )


def our_receivers():
    """The kata's post_save receivers for Order, by function name."""
    return {
        receiver.__name__: receiver
        for receiver in connected(post_save, sender=Order)
        if receiver.__module__.startswith("katas.order_receivers")
    }


def one_named(receivers, *words):
    matches = [f for name, f in receivers.items() if any(w in name for w in words)]
    assert len(matches) == 1, (
        f"Expected exactly one receiver whose name says {' or '.join(words)!r}; the kata's "
        f"post_save receivers for Order are {sorted(receivers) or 'none'}. One job per "
        "receiver, named for it."
    )
    return matches[0]


def call_alone(receiver, arguments):
    """Call ``receiver`` as post_save would, failing the test if it cannot take the call."""
    doing = f"{receiver.__name__}(...) with post_save's arguments"
    call_learner(doing, receiver, advice=RECEIVER_ARGUMENTS, **arguments)


@pytest.mark.task(4)
def test_each_receiver_does_its_own_job_alone(product, committed, mailoutbox):
    receivers = our_receivers()
    stock = one_named(receivers, "stock", "inventory")
    email = one_named(receivers, "mail", "notify", "confirm")
    with mute_signals(post_save):
        order = place(product, quantity=4)
    arguments = {
        "sender": Order,
        "instance": order,
        "created": True,
        "raw": False,
        "using": "default",
        "update_fields": None,
        "signal": post_save,
    }

    with committed():
        call_alone(stock, arguments)
    assert (stock_of(product), len(mailoutbox)) == (6, 0), (
        f"{stock.__name__} alone should take 4 off the stock and send nothing; got stock "
        f"{stock_of(product)} and {len(mailoutbox)} email(s)."
    )
    with committed():
        call_alone(email, arguments)
    assert (stock_of(product), len(mailoutbox)) == (6, 1), (
        f"{email.__name__} alone should send 1 email and leave stock alone; got stock "
        f"{stock_of(product)} and {len(mailoutbox)} email(s)."
    )
