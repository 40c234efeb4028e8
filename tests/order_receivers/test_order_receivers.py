"""One signal, two receivers: stock with F(), and a confirmation email."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.db.models.query import QuerySet
from django.db.models.signals import post_save
from factory.django import mute_signals

from katas.order_receivers.models import Order, Product
from tests.signal_tools import call_learner, connected

pytestmark = pytest.mark.django_db


def new_product(using="default", **fields):
    """A Product, saved with post_save muted: the kata is about Order saves, and a receiver
    that wrongly listens to every model is reported by its own test, not by a fixture."""
    with mute_signals(post_save):
        return Product.objects.using(using).create(**{"name": "Signal flag", "stock": 10, **fields})


@pytest.fixture
def product():
    return new_product()


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


@pytest.mark.task(2)
def test_saving_a_product_changes_nothing(product, committed, mailoutbox):
    with committed():
        place(product, quantity=3)
    assert (stock_of(product), len(mailoutbox)) == (7, 1), (
        "Placing an order should take 3 off the stock and send 1 email; got stock "
        f"{stock_of(product)} and {len(mailoutbox)} email(s)."
    )

    problem = None
    try:
        with committed():
            product.refresh_from_db()
            product.name = "Signal flag (blue)"
            product.save()
            Product.objects.create(name="Semaphore", stock=5)
    except Exception as error:  # a receiver for every model, reading order fields
        problem = (
            f"Saving a Product raised {type(error).__name__}: {error}. A receiver connected to "
            "post_save with no sender runs for every model's saves: connect yours with "
            "sender=Order."
        )
    if problem:
        pytest.fail(problem, pytrace=False)
    assert (stock_of(product), len(mailoutbox)) == (7, 1), (
        "Saving products (no order at all) must change no stock and send no email; now stock "
        f"is {stock_of(product)} and {len(mailoutbox)} email(s) went out. Connect your "
        "receivers with sender=Order."
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


@contextmanager
def another_order_arrives_first(product, quantity):
    """Let another request take ``quantity`` just before the product's row is next UPDATEd.

    That is what a second request does between one receiver's read and its write:
    a value computed in Python from the read then overwrites it (a lost update),
    where UPDATE ... SET stock = stock - n subtracts from whatever the row holds.
    A receiver that locked the row (select_for_update()) makes the other request
    wait: it then writes after the block, as it would after the commit.
    """
    table = Product._meta.db_table
    arrived, locked = [], []
    select_for_update = QuerySet.select_for_update

    def recording_lock(queryset, *args, **kwargs):
        if queryset.model is Product:
            locked.append(True)
        return select_for_update(queryset, *args, **kwargs)

    def take_stock():
        arrived.append(quantity)
        Product.objects.filter(pk=product.pk).update(stock=F("stock") - quantity)

    def writer(execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if (
            not (arrived or locked)
            and statement.startswith("UPDATE")
            and table.upper() in statement
        ):
            take_stock()
        return execute(sql, params, many, context)

    with (
        mock.patch.object(QuerySet, "select_for_update", recording_lock),
        connection.execute_wrapper(writer),
    ):
        yield arrived
    if locked and not arrived:
        take_stock()


@pytest.mark.task(3)
def test_an_order_saved_between_your_read_and_your_write_still_counts(product, committed):
    with committed():
        with another_order_arrives_first(product, quantity=2) as arrived:
            place(product, quantity=3)
        before_commit = stock_of(product)

    stock = stock_of(product)
    assert arrived, (
        f"Placing an order of 3 changed no stock inside its transaction (it was {before_commit} "
        f"just before the commit, and {stock} after it). "
        + (
            "Your stock receiver is connected, but it runs too late: it waits for the commit "
            "(transaction.on_commit). Update the stock in the receiver itself, inside the "
            "order's transaction, so that it rolls back with the order; only the email waits."
            if stock != before_commit
            else "Is your stock receiver connected to post_save of Order?"
        )
    )
    assert stock == 5, (
        "Another request took 2 from the stock (10 to 8) after your receiver read the product "
        f"and before it wrote; then your order of 3 left {stock}, not 5. A stock computed in "
        "Python and saved overwrote the other order: a lost update. Let the database "
        "subtract: Product.objects.filter(pk=...).update(stock=F('stock') - quantity)."
    )


def our_receivers():
    """The kata's post_save receivers that an Order save reaches (for Order, or every sender)."""
    found = connected(post_save, sender=Order) + connected(post_save, sender=None)
    return [r for r in found if (getattr(r, "__module__", "") or "").startswith("katas.order")]


def effect(jobs):
    taken, emails = jobs
    done = [f"took {taken} off the stock"] if taken else []
    done += [f"sent {emails} email(s)"] if emails else []
    return " and ".join(done) or "did nothing"


def call_alone(receiver, arguments):
    """Call ``receiver`` as post_save would, failing the test if it cannot take the call."""
    doing = f"{receiver.__name__}(...) with post_save's arguments"
    call_learner(doing, receiver, advice=RECEIVER_ARGUMENTS, **arguments)


@pytest.mark.task(4)
def test_each_receiver_does_one_job_alone(product, committed, mailoutbox):
    # Judged by what each receiver does when it is called alone, not by its name.
    receivers = our_receivers()
    assert receivers, (
        "No receiver of kata order_receivers listens to post_save of Order: write one for "
        "the stock and one for the email in katas/order_receivers/receivers.py."
    )
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
    jobs, problem = {}, None
    for receiver in receivers:
        Product.objects.filter(pk=product.pk).update(stock=10)
        mailoutbox.clear()
        try:
            with committed():
                call_alone(receiver, arguments)
        except Exception as error:  # it relies on something another receiver did, most often
            problem = (
                f"{receiver.__name__}(...), called alone with post_save's arguments, raised "
                f"{type(error).__name__}: {error}. Receivers run in an order nobody chose: "
                "each must do its whole job with only the signal's arguments."
            )
            break
        jobs[receiver.__name__] = (10 - stock_of(product), len(mailoutbox))
    if problem:
        pytest.fail(problem, pytrace=False)

    seen = "; ".join(f"{name} {effect(done)}" for name, done in jobs.items())
    both = [name for name, (taken, emails) in jobs.items() if taken and emails]
    assert not both, (
        f"Called alone, each receiver should do one job; {seen}. Split {both[0] if both else ''} "
        "in two: one receiver for the stock, one for the email (one job per receiver)."
    )
    stock = [name for name, (taken, _) in jobs.items() if taken]
    email = [name for name, (_, emails) in jobs.items() if emails]
    assert [jobs[name][0] for name in stock] == [4], (
        f"Called alone, exactly one receiver should take the order's 4 off the stock; {seen}."
    )
    assert [jobs[name][1] for name in email] == [1], (
        f"Called alone, exactly one receiver should send the confirmation email; {seen}."
    )


@pytest.mark.task(5)
def test_the_email_waits_for_the_commit(product, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        place(product, quantity=3)
        before_commit = [m.to for m in mailoutbox]
    for callback in callbacks:
        callback()

    assert [m.to for m in mailoutbox] == [["ada@example.com"]], (
        "Once the order is committed, one email should go to the customer; sent to "
        f"{[m.to for m in mailoutbox] or 'nobody'}."
    )
    assert before_commit == [], (
        "The email was sent before the order was committed: if the transaction rolls back, "
        "the customer has an email about an order that does not exist. Send it in "
        "transaction.on_commit(lambda: send_mail(...))."
    )


@pytest.mark.task(5)
def test_no_email_for_an_order_that_rolls_back(product, committed, mailoutbox):
    other = new_product(name="Semaphore", stock=5)
    with committed():
        try:
            with transaction.atomic():
                place(product, quantity=3)
                raise RuntimeError("payment refused: roll back")
        except RuntimeError:
            pass
        place(other, quantity=1, email="grace@example.com")

    recipients = [m.to for m in mailoutbox]
    assert recipients == [["grace@example.com"]], (
        "Only the committed order should be confirmed; the rolled-back one must not. Emails "
        f"went to {recipients or 'nobody'} (expected grace@example.com only). Send the email "
        "in transaction.on_commit(): a rollback drops the callback."
    )
    assert (stock_of(product), stock_of(other)) == (10, 4), (
        "The rolled-back order should leave its product's stock at 10 and the committed one "
        f"take 1 from 5; found {stock_of(product)} and {stock_of(other)}. Update the stock in "
        "the same transaction as the order (a receiver does), never in on_commit."
    )


@pytest.mark.task(6)
@pytest.mark.django_db(databases=["default", "other"])
def test_an_order_on_another_database_updates_and_waits_for_that_database(
    django_capture_on_commit_callbacks, mailoutbox
):
    # The same product (same pk) in both databases: a receiver that ignores `using`
    # changes the default database's copy, or waits for the default database's commit.
    here = new_product()
    there = new_product(using="other", pk=here.pk)

    with django_capture_on_commit_callbacks(using="other", execute=False) as callbacks:
        Order.objects.using("other").create(
            product=there, quantity=3, customer_email="ada@example.com"
        )
        before_commit = len(mailoutbox)
    for callback in callbacks:
        callback()

    stocks = {
        alias: Product.objects.using(alias).values_list("stock", flat=True).get(pk=here.pk)
        for alias in ("default", "other")
    }
    assert stocks == {"default": 10, "other": 7}, (
        "An order of 3 saved to the database 'other' should take 3 off that database's "
        f"product and leave the default database's alone; stocks are {stocks}. post_save "
        "passes `using`: query Product.objects.using(using)."
    )
    assert (before_commit, [m.to for m in mailoutbox]) == (0, [["ada@example.com"]]), (
        "The email about an order saved to 'other' should go once 'other' commits; "
        f"{before_commit} email(s) went before that commit and "
        f"{[m.to for m in mailoutbox] or 'none'} after it. Wait for the order's own "
        "database: transaction.on_commit(..., using=using)."
    )
