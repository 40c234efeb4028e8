"""One signal, a sync and an async receiver: send() from sync code, asend() from async code.

The async service runs in a real event loop: asgiref's async_to_sync() starts one, as
an ASGI server would, so these tests need no async test plugin.
"""

import warnings

import pytest
from asgiref.sync import async_to_sync, iscoroutinefunction
from django.core.exceptions import SynchronousOnlyOperation

from katas.async_receivers import services
from katas.async_receivers.models import Order, Pickup, ShipmentLog
from katas.async_receivers.signals import order_shipped
from tests.signal_tools import connected, modules_of

pytestmark = pytest.mark.django_db

SYNC_ORM_IN_LOOP = (
    "SynchronousOnlyOperation: a sync ORM call ran inside the event loop. {where} "
    "Inside `async def`, use the ORM's async methods (acreate, aget...); from async code, "
    "send the signal with `await order_shipped.asend(...)`, which runs sync receivers "
    "through sync_to_async()."
)


def new_order(reference="A-100"):
    return Order.objects.create(reference=reference)


def ship(order):
    """ship_order() from sync code; a sync ORM call in the event loop fails with a lesson."""
    try:
        services.ship_order(order)
    except SynchronousOnlyOperation:
        where = "It happened in ship_order(): send() runs async receivers in an event loop."
    else:
        return
    pytest.fail(SYNC_ORM_IN_LOOP.format(where=where), pytrace=False)


def aship(order):
    """aship_order() in a running event loop, as an async view would call it."""
    problem = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            async_to_sync(services.aship_order)(order)
        except SynchronousOnlyOperation:
            problem = SYNC_ORM_IN_LOOP.format(
                where="It happened in aship_order(), the async service."
            )
        except RuntimeError as error:
            if "AsyncToSync" not in str(error):
                raise
            problem = (
                f"aship_order() ran async_to_sync() inside the event loop ({error}): send() does "
                "that to call async receivers. From async code, send the signal with "
                "`await order_shipped.asend(...)`."
            )
    forgotten = [w for w in caught if "was never awaited" in str(w.message)]
    for other in caught:  # give every other warning back to pytest (and to -W error)
        if other not in forgotten:
            warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
    if problem:
        pytest.fail(problem, pytrace=False)
    if forgotten:
        pytest.fail(
            f"In aship_order(): {forgotten[0].message}. Calling a coroutine function only "
            "creates a coroutine: nothing was sent. Announce the shipment from aship_order() "
            "with `await order_shipped.asend(sender=Order, order=order)`.",
            pytrace=False,
        )


def logs_of(order):
    return list(ShipmentLog.objects.filter(order=order).values_list("message", flat=True))


def pickup_code(order):
    pickup = Pickup.objects.filter(order=order).first()
    return pickup.code if pickup else None


def expect_both_receivers_from_sync_code():
    """Fail with a pointer to tasks 1 and 2 when send() does not reach both receivers yet."""
    order = new_order("GUARD-1")
    ship(order)
    found = (len(logs_of(order)), pickup_code(order))
    assert found == (1, "PU-GUARD-1"), (
        "This test needs tasks 1 and 2 done first: ship_order() should write 1 ShipmentLog "
        f"and book the pickup 'PU-GUARD-1'; found {found[0]} log line(s) and pickup {found[1]!r}."
    )


@pytest.mark.task(1)
def test_shipping_an_order_writes_one_log_line_per_order():
    first, second = new_order("A-100"), new_order("A-101")

    ship(first)
    ship(second)

    counts = (len(logs_of(first)), len(logs_of(second)))
    assert counts == (1, 1), (
        f"Shipping two orders with ship_order() should write 1 ShipmentLog for each; found "
        f"{counts[0]} and {counts[1]}. Connect a receiver to order_shipped in "
        "katas/async_receivers/receivers.py that creates the order's ShipmentLog."
    )


@pytest.mark.task(2)
def test_shipping_an_order_books_the_courier_pickup():
    order = new_order("B-200")

    ship(order)

    code = pickup_code(order)
    assert code == "PU-B-200", (
        "Shipping an order with ship_order() should book the courier's pickup: a Pickup whose "
        f"code is what request_pickup('B-200') returns, 'PU-B-200'; found {code!r}."
    )


@pytest.mark.task(2)
def test_the_pickup_is_booked_by_an_async_receiver():
    order = new_order("B-201")
    ship(order)
    assert pickup_code(order) == "PU-B-201", (
        "This test needs the pickup booked first: ship_order() booked no pickup."
    )

    ours = [
        r
        for r in connected(order_shipped)
        if modules_of([r])[0].startswith("katas.async_receivers.")
    ]
    assert any(iscoroutinefunction(r) for r in ours), (
        "The pickup is booked, but every receiver of order_shipped in the kata is sync "
        f"({', '.join(getattr(r, '__name__', repr(r)) for r in ours)}). Booking waits on the "
        "courier's network: write that receiver as `async def` and `await request_pickup(...)`, "
        "so it does not hold a thread while it waits."
    )


@pytest.mark.task(3)
def test_the_async_service_logs_and_books_the_pickup():
    expect_both_receivers_from_sync_code()
    order = new_order("C-300")

    aship(order)

    order.refresh_from_db()
    found = (order.shipped_at is not None, len(logs_of(order)), pickup_code(order))
    assert found == (True, 1, "PU-C-300"), (
        "aship_order() should mark the order shipped, write 1 ShipmentLog and book the "
        f"pickup 'PU-C-300'; found shipped={found[0]}, {found[1]} log line(s), pickup "
        f"{found[2]!r}. Announce the shipment from aship_order() with "
        "`await order_shipped.asend(sender=Order, order=order)`."
    )


@pytest.mark.task(3)
def test_asend_reaches_every_receiver_with_sender_and_order():
    expect_both_receivers_from_sync_code()
    heard = []

    def sync_listener(sender, order, **kwargs):
        heard.append(("sync", sender, order.reference))

    async def async_listener(sender, order, **kwargs):
        heard.append(("async", sender, order.reference))

    order_shipped.connect(sync_listener, dispatch_uid="tests.async_receivers.sync")
    order_shipped.connect(async_listener, dispatch_uid="tests.async_receivers.async")
    try:
        aship(new_order("C-301"))
    finally:
        order_shipped.disconnect(dispatch_uid="tests.async_receivers.sync")
        order_shipped.disconnect(dispatch_uid="tests.async_receivers.async")

    expected = [("async", Order, "C-301"), ("sync", Order, "C-301")]
    assert sorted(heard, key=lambda call: call[0]) == expected, (
        "aship_order() should send order_shipped once, with sender=Order and order=, to every "
        f"receiver, sync and async; a sync and an async receiver of the test heard {heard}."
    )
