"""One email when an order's status becomes "shipped": never on creation, never twice,
right after a reload and with update_fields, and no query per order loaded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from katas.field_changed.models import Order
from tests.field_changed.conftest import new_order

pytestmark = pytest.mark.django_db

SHIPPED, PAID = Order.Status.SHIPPED, Order.Status.PAID
FILE = "katas/field_changed/receivers.py"


def recipients(outbox) -> list[str]:
    return [address for message in outbox for address in message.to]


def shipping(shop, order, doing="Shipping a paid order (status='shipped', then save())"):
    order.status = SHIPPED
    shop.save(order, doing)


def expect_shipping_emails(shop, outbox):
    """Fail with a pointer to task 1 when shipping an order sends no email yet."""
    order = shop.load(new_order(reference="GUARD"))
    shipping(shop, order)
    sent = recipients(outbox)
    outbox.clear()
    assert sent == [order.customer_email], (
        "This test needs task 1 done first: loading a paid order, setting its status to "
        f"'shipped' and saving it should email its customer once; emails went to "
        f"{sent or 'nobody'}."
    )


def expect_emails(outbox, expected, what, advice):
    sent = recipients(outbox)
    assert sorted(sent) == sorted(expected), (
        f"{what}: expected {len(expected)} shipping email(s)"
        + (f" (to {', '.join(expected)})" if expected else "")
        + f", got {len(sent)}"
        + (f" (to {', '.join(sent)})" if sent else "")
        + f". {advice} ({FILE})"
    )


# --- task 1 -----------------------------------------------------------------------------


@pytest.mark.task(1)
def test_shipping_a_paid_order_emails_its_customer(shop, mailoutbox):
    order = shop.load(new_order())
    shipping(shop, order)

    expect_emails(
        mailoutbox,
        [order.customer_email],
        "A paid order was loaded, its status set to 'shipped' and saved",
        "post_save does not say what the status was before the save: remember it when "
        "the Order is built (post_init), and email when the saved status is 'shipped' "
        "and the remembered one was not.",
    )
    message = mailoutbox[0]
    assert order.reference in message.subject + message.body, (
        f"The shipping email should name the order: {order.reference!r} is neither in its "
        f"subject ({message.subject!r}) nor in its body."
    )


@pytest.mark.task(1)
def test_creating_an_order_sends_no_email_shipping_one_does(shop, mailoutbox):
    shop.create("Creating an order with status='shipped'", status=SHIPPED)
    created = Order(reference="ORD-NEW", customer_email="new@example.com", status=SHIPPED)
    shop.save(created, "Saving a new Order(status='shipped')")

    expect_emails(
        mailoutbox,
        [],
        "Two orders were created with status 'shipped' (an import of orders shipped long ago)",
        "A new row is not a change of status: post_save's `created` is True then.",
    )
    order = shop.load(new_order())
    shipping(shop, order)
    expect_emails(
        mailoutbox,
        [order.customer_email],
        "After that, a paid order was loaded and shipped",
        "Email when the saved status is 'shipped' and the status the order was loaded "
        "with was not.",
    )


@pytest.mark.task(1)
def test_shipping_the_order_you_just_created_emails(shop, mailoutbox):
    order = shop.create("Creating a paid order", status=PAID)
    shipping(shop, order, "Shipping the very Order instance create() returned")

    expect_emails(
        mailoutbox,
        [order.customer_email],
        "An order was created as 'paid', then the same instance was set to 'shipped' and saved",
        "This instance never came from a query: remember its status when it is built "
        "(post_init is sent by Order(...) and create() too) or when it is created.",
    )


# --- task 2 -----------------------------------------------------------------------------


@pytest.mark.task(2)
def test_saving_a_shipped_order_again_sends_nothing(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    order = shop.load(new_order())
    shipping(shop, order)
    order.tracking_number = "TRK-1"
    shop.save(order, "Saving the shipped order again (a tracking number)")
    shop.save(shop.load(order), "Saving the shipped order, loaded again")

    expect_emails(
        mailoutbox,
        [order.customer_email],
        "An order was shipped, then saved twice more, still 'shipped'",
        "After each save, remember the status that was just saved: the next save compares with it.",
    )


@pytest.mark.task(2)
def test_other_transitions_send_nothing(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    for before, after in (
        (Order.Status.PENDING, Order.Status.PAID),
        (Order.Status.SHIPPED, Order.Status.DELIVERED),
        (Order.Status.PAID, Order.Status.CANCELLED),
    ):
        order = shop.load(new_order(status=before))
        order.status = after
        shop.save(order, f"Saving an order that goes from {before!r} to {after!r}")

    expect_emails(
        mailoutbox,
        [],
        "Orders went from 'pending' to 'paid', 'shipped' to 'delivered' and 'paid' to 'cancelled'",
        "Only a change *to* 'shipped' is news for the customer.",
    )


@pytest.mark.task(2)
def test_each_order_remembers_its_own_status(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    first, shipped, last = new_order(), new_order(status=SHIPPED), new_order()
    orders = shop.run(
        "Loading three orders in one query",
        lambda: list(Order.objects.filter(pk__in=[first.pk, shipped.pk, last.pk]).order_by("pk")),
    )
    for order in orders:
        shipping(shop, order, "Saving each of three orders loaded together, as 'shipped'")

    expect_emails(
        mailoutbox,
        [first.customer_email, last.customer_email],
        "Three orders ('paid', 'shipped', 'paid') were loaded together, then each was "
        "saved as 'shipped'",
        "Each instance must remember its own status (an attribute of the instance), not "
        "a value shared by every order.",
    )


# --- task 3 -----------------------------------------------------------------------------


@pytest.mark.task(3)
def test_saving_only_the_status_emails(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    order = shop.load(new_order())
    order.status = SHIPPED
    shop.save(order, "save(update_fields=['status'])", update_fields=["status"])

    expect_emails(
        mailoutbox,
        [order.customer_email],
        "A paid order was shipped with save(update_fields=['status'])",
        "post_save passes `update_fields`: the status is among them, so it was written.",
    )


@pytest.mark.task(3)
def test_a_save_that_leaves_the_status_out_changes_nothing(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    order = shop.load(new_order())
    order.status = SHIPPED
    order.tracking_number = "TRK-2"
    shop.save(order, "save(update_fields=['tracking_number'])", update_fields=["tracking_number"])
    stored = Order.objects.values_list("status", flat=True).get(pk=order.pk)

    expect_emails(
        mailoutbox,
        [],
        "A paid order's status was set to 'shipped' in memory, then saved with "
        f"update_fields=['tracking_number']: the row's status is still {stored!r}",
        "A save whose update_fields leave the status out does not write it: the order has "
        "not shipped. Look at post_save's `update_fields`.",
    )
    shop.save(order, "save(update_fields=['status'])", update_fields=["status"])
    expect_emails(
        mailoutbox,
        [order.customer_email],
        "Then the same order was saved with update_fields=['status']",
        "This is the save that ships it. What the order remembers must still be the "
        "status its row holds ('paid'): change it only when a save writes the status.",
    )


@pytest.mark.task(3)
def test_after_refresh_from_db_a_save_sends_no_second_email(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    order = new_order()
    here, elsewhere = shop.load(order), shop.load(order)
    shipping(shop, elsewhere, "Shipping the order from another request")
    shop.refresh(here)
    here.tracking_number = "TRK-3"
    shop.save(here, "Saving the reloaded order (a tracking number)")

    expect_emails(
        mailoutbox,
        [order.customer_email],
        "Another request shipped the order (one email). Then an instance loaded before "
        "that called refresh_from_db(), now 'shipped' too, and was saved",
        "refresh_from_db() builds a new instance (post_init is sent for that one, not for "
        "yours) and copies its values onto yours: what you remembered is stale. Make it "
        "follow the reload, or compare with the row itself before the save.",
    )


@pytest.mark.task(3)
def test_after_refresh_from_db_shipping_again_emails(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    order = new_order(status=SHIPPED)
    here, elsewhere = shop.load(order), shop.load(order)
    elsewhere.status = PAID
    shop.save(elsewhere, "The parcel came back: another request sets the order to 'paid'")
    shop.refresh(here)
    shipping(shop, here, "Shipping the reloaded order again")

    expect_emails(
        mailoutbox,
        [order.customer_email],
        "An order's parcel came back ('shipped' to 'paid', elsewhere). An instance loaded "
        "before that called refresh_from_db(), was set to 'shipped' and saved",
        "After the reload the row says 'paid': this save ships it again. What you "
        "remembered must follow the reload (refresh_from_db sends no signal for your "
        "instance).",
    )


@pytest.mark.task(3)
def test_reloading_other_fields_keeps_the_status_change(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    order = shop.load(new_order())
    order.status = SHIPPED
    shop.refresh(order, "refresh_from_db(fields=['tracking_number'])", fields=["tracking_number"])
    assert order.status == SHIPPED, (
        "refresh_from_db(fields=['tracking_number']) put the order's status back to "
        f"{order.status!r}, over the 'shipped' set in memory. refresh_from_db() loads a "
        "copy with only('tracking_number') and copies every field that copy holds: your "
        "post_init receiver read the copy's deferred status, which loaded it (a query) and "
        f"so had it copied. Never read a deferred field in post_init. ({FILE})"
    )
    shop.save(order, "Saving the order, still 'shipped' in memory")

    expect_emails(
        mailoutbox,
        [order.customer_email],
        "A paid order was set to 'shipped', reloaded with "
        "refresh_from_db(fields=['tracking_number']) (the status is not reloaded), and saved",
        "A reload of other fields leaves the status as it was, in memory and in the "
        "row: remember the reloaded status only when the reload included it.",
    )


# --- task 4 -----------------------------------------------------------------------------


def count_queries(shop, doing, load):
    with CaptureQueriesContext(connection) as queries:
        loaded = shop.run(doing, load)
    return loaded, len(queries)


@pytest.mark.task(4)
def test_loading_a_thousand_orders_costs_one_query(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    shop.run(
        "Creating 1,000 orders with bulk_create()",
        lambda: Order.objects.bulk_create(
            Order(reference=f"BULK-{n:04d}", customer_email=f"bulk{n}@example.com", status=PAID)
            for n in range(1000)
        ),
    )
    orders, queries = count_queries(shop, "Loading 1,000 orders", lambda: list(Order.objects.all()))

    assert len(orders) >= 1000, f"Loading 1,000 orders returned {len(orders)}."
    assert queries <= 2, (
        f"Loading 1,000 orders took {queries} queries; one SELECT loads them all. post_init "
        "runs for every instance built, so whatever your receiver does there, it does 1,000 "
        f"times: never query the database from it. ({FILE})"
    )


@pytest.mark.task(4)
@pytest.mark.parametrize(
    "how", ["only('id', 'reference')", "defer('status')"], ids=["only", "defer"]
)
def test_loading_orders_without_their_status_costs_one_query(shop, mailoutbox, how):
    expect_shipping_emails(shop, mailoutbox)
    shop.run(
        "Creating 200 orders with bulk_create()",
        lambda: Order.objects.bulk_create(
            Order(reference=f"LIST-{n:03d}", customer_email=f"list{n}@example.com")
            for n in range(200)
        ),
    )
    queryset = {
        "only('id', 'reference')": Order.objects.only("id", "reference"),
        "defer('status')": Order.objects.defer("status"),
    }[how]

    def list_references():
        return [order.reference for order in queryset]

    references, queries = count_queries(
        shop, f"Listing order references with {how}", list_references
    )

    assert len(references) >= 200, f"Listing 200 orders returned {len(references)}."
    assert queries <= 2, (
        f"Listing 200 orders' references with Order.objects.{how} took {queries} queries; "
        "one SELECT loads them. The status is deferred there: reading instance.status in "
        "post_init loads it, with one query per order (refresh_from_db). Check "
        f"instance.get_deferred_fields() first. ({FILE})"
    )


@pytest.mark.task(4)
def test_orders_loaded_without_their_status_still_email_once(shop, mailoutbox):
    expect_shipping_emails(shop, mailoutbox)
    paid = shop.load(new_order(), Order.objects.defer("status"))
    shipping(shop, paid, "Shipping a paid order loaded with defer('status')")
    expect_emails(
        mailoutbox,
        [paid.customer_email],
        "A paid order loaded with defer('status') was set to 'shipped' and saved",
        "Its status was never loaded, so your receiver does not know it: ask the row (one "
        "query, in pre_save, before this save overwrites it), for this save only.",
    )

    mailoutbox.clear()
    already = shop.load(new_order(status=SHIPPED), Order.objects.only("id", "reference"))
    shipping(shop, already, "Saving an order loaded with only('id', 'reference') as 'shipped'")
    expect_emails(
        mailoutbox,
        [],
        "An order already shipped, loaded with only('id', 'reference'), was set to "
        "'shipped' again and saved",
        "Its row already says 'shipped': not knowing the loaded status is not a reason to "
        "email. Ask the row before the save.",
    )

    read_first = shop.load(new_order(), Order.objects.defer("status"))
    shop.run("Reading a deferred status", lambda: read_first.status)
    shipping(shop, read_first, "Shipping it after reading its deferred status")
    expect_emails(
        mailoutbox,
        [read_first.customer_email],
        "A paid order loaded with defer('status') had its status read (it was then "
        "loaded), was set to 'shipped' and saved",
        "The status read was 'paid': this save ships it.",
    )
