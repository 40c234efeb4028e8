"""An import that silences one receiver (the welcome email), puts it back, and no other."""

import pytest
from django.db.models.signals import post_save

from katas.muted_import.models import Member, MembershipCard
from katas.muted_import.muting import muted_receiver
from katas.muted_import.receivers import WELCOME_UID, send_welcome_email
from katas.muted_import.services import import_members

pytestmark = pytest.mark.django_db


def rows(count, start=0):
    return [
        {"name": f"Member {n}", "email": f"member{n}@example.com"}
        for n in range(start, start + count)
    ]


def muted_welcome():
    """The context manager, called the way the README shows: as the receiver was connected."""
    return muted_receiver(post_save, send_welcome_email, sender=Member, dispatch_uid=WELCOME_UID)


def welcomed(outbox):
    return sorted(address for message in outbox for address in message.to)


def sign_up(email="newcomer@example.com"):
    return Member.objects.create(name="Newcomer", email=email)


def expect_the_block_mutes_the_welcome(outbox):
    """Fail with a pointer to task 1 when muted_receiver does not silence the email yet."""
    with muted_welcome():
        sign_up("guard@example.com")
    sent = len(outbox)
    outbox.clear()
    assert sent == 0, (
        "This test needs task 1 done first: inside `with muted_receiver(post_save, "
        "send_welcome_email, sender=Member, dispatch_uid=WELCOME_UID):` a new member should "
        f"get no welcome email; {sent} was sent."
    )


def which_file_to_fix(outbox):
    """Say whether muted_receiver itself, or import_members()'s use of it, lets the email out."""
    outbox.clear()
    try:
        with muted_welcome():
            sign_up("probe@example.com")
    except Exception as error:  # the learner's context manager may raise anything
        return (
            f"muted_receiver raised {type(error).__name__}: {error} (katas/muted_import/muting.py)."
        )
    if outbox:
        return (
            "muted_receiver itself does not silence it yet (katas/muted_import/muting.py): "
            "disconnect() finds a receiver only by the key it was connected with."
        )
    return (
        "muted_receiver works on its own: wrap the loop of import_members() in it "
        "(katas/muted_import/services.py)."
    )


@pytest.mark.task(1)
def test_inside_the_block_a_new_member_gets_no_welcome_email(mailoutbox):
    with muted_welcome():
        sign_up()

    assert len(mailoutbox) == 0, (
        f"Inside `with muted_receiver(post_save, send_welcome_email, sender=Member, "
        f"dispatch_uid=WELCOME_UID):` a new member got {len(mailoutbox)} welcome email(s). "
        "disconnect() finds a receiver only by the key it was connected with: the same "
        "sender and dispatch_uid (see katas/muted_import/receivers.py), and it returns "
        "False when it found nothing."
    )


@pytest.mark.task(1)
def test_importing_many_rows_sends_no_welcome_email(mailoutbox):
    created = import_members(rows(50))

    assert Member.objects.count() == 50, (
        f"import_members() with 50 rows should create 50 members; found "
        f"{Member.objects.count()} (it returned {created!r})."
    )
    sent = len(mailoutbox)
    assert sent == 0, (
        f"Importing 50 members sent {sent} welcome email(s). Imported members are not new to "
        "the club: import_members() should silence send_welcome_email for the length of the "
        f"import, with muted_receiver. {which_file_to_fix(mailoutbox)}"
    )


@pytest.mark.task(2)
def test_after_an_import_a_new_member_gets_the_welcome_email(mailoutbox):
    import_members(rows(3))
    assert len(mailoutbox) == 0, (
        f"This test needs task 1 done first: importing 3 members sent {len(mailoutbox)} "
        "welcome email(s); it should send none."
    )

    sign_up()

    assert welcomed(mailoutbox) == ["newcomer@example.com"], (
        "After the import, a member who signs up should get exactly 1 welcome email; "
        f"emails went to {welcomed(mailoutbox) or 'nobody'}. Connect send_welcome_email again "
        "when the block ends."
    )


@pytest.mark.task(2)
def test_the_block_reconnects_even_when_it_raises(mailoutbox):
    expect_the_block_mutes_the_welcome(mailoutbox)

    with pytest.raises(RuntimeError, match="the import broke"), muted_welcome():
        raise RuntimeError("the import broke")
    sign_up()

    assert len(mailoutbox) == 1, (
        "After a `with muted_receiver(...)` block that raised, a new member should get 1 "
        f"welcome email; {len(mailoutbox)} were sent. Reconnect in a `finally`, so the "
        "receiver comes back even when the block raises."
    )


@pytest.mark.task(2)
def test_the_receiver_comes_back_under_its_dispatch_uid(mailoutbox):
    expect_the_block_mutes_the_welcome(mailoutbox)
    # What a second import of receivers.py does: connect again with the dispatch_uid.
    # Django adds nothing when a receiver with that dispatch_uid is already connected.
    post_save.connect(send_welcome_email, sender=Member, dispatch_uid=WELCOME_UID)

    sign_up()

    assert len(mailoutbox) == 1, (
        f"After the block, one sign-up sent {len(mailoutbox)} welcome emails. The receiver "
        "was reconnected without its dispatch_uid, so connecting it again with the "
        "dispatch_uid (a second import of receivers.py) added a second copy. Reconnect with "
        "the same sender and dispatch_uid it was connected with."
    )


@pytest.mark.task(2)
def test_a_receiver_that_was_not_connected_stays_disconnected(mailoutbox):
    expect_the_block_mutes_the_welcome(mailoutbox)
    heard = []

    def not_connected(sender, instance, **kwargs):
        heard.append(instance.email)

    with muted_receiver(post_save, not_connected, sender=Member, dispatch_uid="never.connected"):
        pass
    try:
        sign_up()
    finally:
        post_save.disconnect(sender=Member, dispatch_uid="never.connected")

    assert heard == [], (
        "muted_receiver() around a receiver that was never connected connected it when the "
        f"block ended (it then heard {heard}). Put back only what was there: reconnect "
        "only if disconnect() returned True."
    )


@pytest.mark.task(2)
def test_an_import_that_fails_midway_puts_the_welcome_email_back(mailoutbox):
    expect_the_block_mutes_the_welcome(mailoutbox)
    bad = [*rows(2), {"name": "Twin", "email": "member0@example.com"}, *rows(2, start=2)]

    try:
        import_members(bad)
    except Exception:  # the duplicate email: the import fails, as it should
        raised = True
    else:
        raised = False
    assert raised, (
        "import_members() with a duplicate email in the middle should raise (the import "
        "fails); it returned normally. Does your context manager swallow the error?"
    )
    imported = welcomed(mailoutbox)
    assert imported == [], (
        f"A second muted block did not silence the welcome email: rows of the import were "
        f"welcomed ({imported}). After the first block the receiver came back under another "
        "key: reconnect it with the same sender and dispatch_uid it was connected with."
    )
    sign_up()

    assert welcomed(mailoutbox) == ["newcomer@example.com"], (
        "After an import that failed midway, a member who signs up should get exactly 1 "
        f"welcome email; emails went to {welcomed(mailoutbox) or 'nobody'}. The receiver "
        "must be connected again even when the block raises: reconnect in a `finally`."
    )


@pytest.mark.task(3)
def test_imported_members_still_get_their_membership_card(mailoutbox):
    import_members(rows(5))
    assert len(mailoutbox) == 0, (
        f"This test needs task 1 done first: importing 5 members sent {len(mailoutbox)} "
        "welcome email(s); it should send none."
    )

    cards = MembershipCard.objects.filter(member__email__startswith="member").count()
    assert cards == 5, (
        f"Importing 5 members issued {cards} membership card(s); every member needs one. "
        "Silence the welcome email only: emptying the whole signal (like factory_boy's "
        "mute_signals) or bulk_create(), which sends no post_save, also stops "
        "issue_membership_card."
    )


@pytest.mark.task(3)
def test_another_receiver_of_post_save_still_runs_inside_the_block(mailoutbox, spy):
    with muted_welcome():
        sign_up()

    assert (len(mailoutbox), spy.heard) == (0, ["newcomer@example.com"]), (
        "Inside the block a new member should get no welcome email while every other "
        "receiver of post_save still runs; got "
        f"{len(mailoutbox)} welcome email(s), and a receiver the test connected heard "
        f"{spy.heard or 'nothing'}. Disconnect send_welcome_email alone, by its key, not "
        "every receiver of the signal."
    )
