"""A first receiver: connect a function to post_save, read its arguments, disconnect it."""

from contextlib import contextmanager

import pytest
from django.db.models.signals import post_save

from katas.first_receiver import receivers
from katas.first_receiver.models import Greeting, Guest, Speaker
from tests.signal_tools import connected, modules_of

pytestmark = pytest.mark.django_db


def greetings() -> list[str]:
    return list(Greeting.objects.order_by("pk").values_list("text", flat=True))


def save(make, what: str):
    """Run ``make()`` (a save); turn an error raised by the learner's receiver into a lesson."""
    failure = None
    try:
        return make()
    except TypeError as error:
        failure = (
            f"{what} raised TypeError: {error}. Django calls a receiver with keyword arguments "
            "(signal=, sender=, instance=, created=, raw=, using=, update_fields=): end your "
            "function's parameters with **kwargs (task 4)."
        )
    except RecursionError:
        failure = (
            f"{what} never ended (RecursionError): your receiver creates a Greeting, which sends "
            "post_save again, which calls your receiver again... Connect with sender=Guest."
        )
    except Exception as error:  # the learner's receiver may raise anything
        failure = (
            f"{what} raised {type(error).__name__}: {error}. That came from your receiver in "
            "katas/first_receiver/receivers.py."
        )
    pytest.fail(failure, pytrace=False)


def new_guest(name="Ada"):
    return save(lambda: Guest.objects.create(name=name), f"Guest.objects.create(name={name!r})")


def new_speaker(name="Grace"):
    return save(lambda: Speaker.objects.create(name=name), f"Speaker.objects.create(name={name!r})")


def expect_guests_greeted():
    """Fail with a pointer to task 1 while new guests are not greeted yet."""
    before = Greeting.objects.count()
    new_guest("Guard")
    added = Greeting.objects.count() - before
    assert added == 1, (
        f"This test needs task 1 done first: creating a Guest should add 1 Greeting; it added "
        f"{added}."
    )


@contextmanager
def receivers_restored():
    """Put post_save's receivers back as they were, whatever the block connected or disconnected."""
    saved = list(post_save.receivers)
    try:
        yield
    finally:
        with post_save.lock:
            post_save.receivers = saved
            post_save.sender_receivers_cache.clear()


@pytest.mark.task(1)
def test_creating_a_guest_adds_a_greeting():
    new_guest("Ada")

    found = greetings()
    assert found == ["Welcome, guest Ada!"], (
        f"Creating the guest Ada should add one Greeting 'Welcome, guest Ada!'; found {found}. "
        "Write a function in katas/first_receiver/receivers.py that creates it, and connect it "
        "to post_save with sender=Guest (@receiver(post_save, sender=Guest) above it, or "
        "post_save.connect(your_function, sender=Guest) below it)."
    )


@pytest.mark.task(1)
def test_the_receiver_is_connected_when_django_starts():
    # No test imports the function: apps.py's ready() imported receivers.py at start-up.
    modules = modules_of(connected(post_save, sender=Guest))
    assert any(m.startswith("katas.first_receiver") for m in modules), (
        "No function of katas/first_receiver/receivers.py is connected to post_save for Guest "
        f"(connected for Guest: {modules or 'nothing'}). Connect it at module level, not inside "
        "another function that nobody calls."
    )


@pytest.mark.task(2)
def test_saving_a_guest_again_adds_no_greeting():
    guest = new_guest("Ada")
    assert len(greetings()) == 1, (
        f"Creating a guest should add 1 Greeting; found {greetings()} (task 1)."
    )

    guest.name = "Ada Lovelace"
    save(guest.save, "Saving an existing guest")

    found = greetings()
    assert found == ["Welcome, guest Ada!"], (
        f"Saving an existing guest again should greet nobody; the greetings are now {found}. "
        "post_save is sent on every save: the `created` argument is True only for the first."
    )


@pytest.mark.task(2)
def test_saving_other_models_greets_nobody():
    expect_guests_greeted()
    before = greetings()

    save(lambda: Greeting.objects.create(text="Doors open at 9."), "Creating a Greeting")

    added = greetings()[len(before) :]
    assert added == ["Doors open at 9."], (
        f"Creating a Greeting by hand should add only that Greeting; the new rows are {added}. "
        "Connect with sender=Guest: without a sender your function hears every model's saves."
    )


@pytest.mark.task(3)
def test_creating_a_speaker_adds_a_greeting():
    expect_guests_greeted()
    Greeting.objects.all().delete()

    new_speaker("Grace")

    found = greetings()
    assert found == ["Welcome, speaker Grace!"], (
        f"Creating the speaker Grace should add one Greeting 'Welcome, speaker Grace!'; found "
        f"{found}. Connect your function for sender=Speaker too, and build the text from "
        "`sender` (the model class that was saved: sender._meta.verbose_name)."
    )


@pytest.mark.task(3)
def test_guests_and_speakers_each_get_their_own_greeting():
    new_guest("Ada")
    new_speaker("Grace")
    guest = Guest.objects.get(name="Ada")
    guest.save()

    found = greetings()
    assert found == ["Welcome, guest Ada!", "Welcome, speaker Grace!"], (
        "A new guest Ada, a new speaker Grace, then Ada saved again should give exactly "
        f"['Welcome, guest Ada!', 'Welcome, speaker Grace!']; found {found}."
    )


@pytest.mark.task(4)
def test_a_send_with_an_extra_keyword_argument_still_greets():
    [guest] = Guest.objects.bulk_create([Guest(name="Katherine")])  # sends no post_save

    # The sender passes one keyword argument more than today, as Django itself did when 4.1
    # added `origin` to pre_delete and post_delete.
    save(
        lambda: post_save.send(
            sender=Guest,
            instance=guest,
            created=True,
            update_fields=None,
            raw=False,
            using="default",
            arrived_by="train",
        ),
        "post_save.send(..., arrived_by='train')",
    )

    found = greetings()
    assert found == ["Welcome, guest Katherine!"], (
        "post_save sent for the new guest Katherine with one keyword argument more than usual "
        f"should greet her once; found {found}. Your function should take **kwargs."
    )


def call(name: str):
    function = getattr(receivers, name, None)
    assert callable(function), (
        f"katas/first_receiver/receivers.py should define a function {name}(); found {function!r}."
    )
    save(function, f"{name}()")


@pytest.mark.task(5)
def test_stop_greeting_disconnects_for_guests_and_speakers():
    expect_guests_greeted()
    Greeting.objects.all().delete()

    with receivers_restored():
        call("stop_greeting")
        new_guest("Ada")
        new_speaker("Grace")

    found = greetings()
    assert found == [], (
        f"After stop_greeting() a new guest and a new speaker should get no greeting; found "
        f"{found}. disconnect() needs the same receiver and the same sender that connect() "
        "got (or the same dispatch_uid and sender), once per sender."
    )


@pytest.mark.task(5)
def test_start_greeting_after_stop_greets_again_once():
    expect_guests_greeted()
    Greeting.objects.all().delete()

    with receivers_restored():
        call("stop_greeting")
        call("start_greeting")
        new_guest("Ada")
        new_speaker("Grace")

    found = greetings()
    assert found == ["Welcome, guest Ada!", "Welcome, speaker Grace!"], (
        "After stop_greeting() then start_greeting(), a new guest and a new speaker should "
        f"each get one greeting; found {found}. start_greeting() connects your function "
        "again with post_save.connect(..., sender=...), for Guest and for Speaker."
    )


@pytest.mark.task(5)
def test_start_greeting_while_greeting_greets_once():
    expect_guests_greeted()
    Greeting.objects.all().delete()

    with receivers_restored():
        call("start_greeting")
        call("start_greeting")
        new_guest("Ada")

    found = greetings()
    assert found == ["Welcome, guest Ada!"], (
        "start_greeting() called twice while greetings are on should still greet a new guest "
        f"once; found {found}. Connecting the same function with the same sender twice is a "
        "no-op, but a connect with a dispatch_uid and one without are two receivers: connect "
        "the same way the module does."
    )
