"""Every new user gets exactly one Profile (post_save, created, raw)."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from factory.django import mute_signals
from model_bakery import baker

from katas.profile_on_signup.models import Profile
from tests.signal_tools import call_learner, connected, learner_code, modules_of

from .factories import UserFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
User = get_user_model()


def profiles_of(user):
    return Profile.objects.filter(user_id=user.pk).count()


# What to do when saving a user fails in the learner's receiver.
SAVE_ADVICE = {
    IntegrityError: (
        "Your receiver tried to create a second Profile for a user who has one: post_save "
        "is sent after every save. Create the profile only when the user is created "
        "(the `created` argument), or use get_or_create."
    ),
    ObjectDoesNotExist: (
        "Your receiver read user.profile, and this user has none (users made before the "
        "receiver existed, by bulk_create or by a fixture have none). Do not assume it: "
        "create the profile when the user is created, and leave later saves alone."
    ),
    ValueError: (
        'If it says a Profile or a Group "must be a User instance", your receiver ran for '
        "a save of another model. Connect it to the user model only "
        "(sender=settings.AUTH_USER_MODEL), not to every sender."
    ),
}


def create_user(username, doing="Creating a user"):
    return call_learner(doing, User.objects.create_user, username=username, advice=SAVE_ADVICE)


def expect_receiver_creates_profiles():
    """Fail with a pointer to task 1 when no receiver creates profiles yet."""
    user = create_user("guard")
    assert profiles_of(user) == 1, (
        f"This test needs task 1 done first: creating a user should create exactly 1 Profile; "
        f"found {profiles_of(user)}."
    )


CREATE_USER = {
    "objects.create": lambda: User.objects.create(username="ada"),
    "create_user": lambda: User.objects.create_user(username="ada", password="s3cret!"),
    "factory_boy": lambda: UserFactory(username="ada"),
    "model_bakery": lambda: baker.make(User, username="ada"),
}


@pytest.mark.task(1)
@pytest.mark.parametrize("how", CREATE_USER)
def test_a_new_user_gets_exactly_one_profile(how):
    user = call_learner(f"Creating a user with {how}", CREATE_USER[how], advice=SAVE_ADVICE)

    found = profiles_of(user)
    assert found == 1, (
        f"Creating a user (with {how}) should create exactly 1 Profile; found {found}. "
        "Is your receiver connected to post_save of the user model, in receivers.py "
        "(imported by apps.py ready())?"
    )


@pytest.mark.task(1)
def test_the_receiver_is_connected_at_startup_for_the_user_model():
    # This module never imports katas.profile_on_signup.receivers: the receiver must
    # already be connected because Django ran the app's ready() at start-up.
    modules = modules_of(connected(post_save, sender=User))
    every_model = [
        receiver.__name__
        for receiver in connected(post_save, sender=None)
        if getattr(receiver, "__module__", "").startswith("katas.profile_on_signup")
    ]
    unbound = (
        f" Your {', '.join(every_model)} is connected to post_save of every model (no sender=)."
        if every_model
        else ""
    )
    assert any(m.startswith("katas.profile_on_signup") for m in modules), (
        "No receiver of kata profile_on_signup listens to post_save from the user model "
        f"(receivers found for it: {modules or 'none'}).{unbound} Decorate your function with "
        "@receiver(post_save, sender=settings.AUTH_USER_MODEL) in "
        "katas/profile_on_signup/receivers.py."
    )


@pytest.mark.task(1)
def test_saving_other_models_creates_no_profile():
    expect_receiver_creates_profiles()
    with mute_signals(post_save):
        user = UserFactory(username="no-profile-yet")
    before = Profile.objects.count()
    every_sender = (
        "Connect it to the user model only (sender=settings.AUTH_USER_MODEL), not to every "
        "sender: a receiver without a sender hears every save in the project."
    )
    with learner_code("Saving a Group and a Profile", advice={Exception: every_sender}):
        Group.objects.create(name="editors")
        Profile.objects.create(user=user, bio="Created by hand.")
    created = Profile.objects.count() - before
    assert created == 1, (
        f"Saving a Group and creating one Profile by hand should add 1 Profile; added {created}. "
        "Your receiver should listen to the user model only."
    )


@pytest.mark.task(2)
def test_saving_an_existing_user_again_keeps_its_one_profile():
    user = create_user("ada")
    first = profiles_of(user)
    assert first == 1, f"Creating a user should create exactly 1 Profile; found {first}."

    user.first_name = "Ada"
    with learner_code("Saving an existing user again", advice=SAVE_ADVICE):
        user.save()
        user.save(update_fields=["first_name"])
    found = profiles_of(user)
    assert found == 1, f"After saving the user again it should still have 1 Profile; found {found}."


@pytest.mark.task(2)
def test_saving_a_user_who_has_no_profile_yet_works():
    expect_receiver_creates_profiles()
    # Users made before the receiver existed (or by bulk_create) have no profile.
    User.objects.bulk_create([User(username="legacy")])
    user = User.objects.get(username="legacy")

    user.first_name = "Old"
    with learner_code("Saving a user who has no profile yet", advice=SAVE_ADVICE):
        user.save()

    found = profiles_of(user)
    assert found <= 1, (
        f"Saving a user who had no profile left {found} profiles; at most 1 is right."
    )


@pytest.mark.task(2)
def test_saving_a_user_again_keeps_the_profile_data():
    user = call_learner("Creating a user", UserFactory, username="grace", advice=SAVE_ADVICE)
    assert profiles_of(user) == 1, "Creating a user should create exactly 1 Profile; found none."
    Profile.objects.filter(user=user).update(bio="Found the first bug.")
    profile_id = Profile.objects.get(user=user).pk

    user.last_name = "Hopper"
    with learner_code("Saving an existing user again", advice=SAVE_ADVICE):
        user.save()

    profile = Profile.objects.get(user=user)
    assert (profile.pk, profile.bio) == (profile_id, "Found the first bug."), (
        "Saving an existing user replaced or reset its Profile "
        f"(before: id={profile_id}, bio='Found the first bug.'; after: id={profile.pk}, "
        f"bio={profile.bio!r}). An update of the user must leave its profile alone."
    )


RAW_ADVICE = (
    "Your receiver acted while loaddata was saving users with raw=True (for instance it "
    "created a Profile, and then the fixture's own profile collided with it). Saves with "
    "raw=True should be left alone: return early when `raw` is true."
)


def load_fixture(name):
    with learner_code(f"Loading the fixture {name}", advice={Exception: RAW_ADVICE}):
        call_command("loaddata", str(FIXTURES / name), verbosity=0)


@pytest.mark.task(3)
def test_a_fixture_with_users_and_their_profiles_loads_cleanly():
    load_fixture("users_with_profiles.json")

    bios = dict(Profile.objects.filter(user_id__in=[10, 11]).values_list("user_id", "bio"))
    assert bios == {10: "Wrote the first program.", 11: "Found the first bug."}, (
        f"After loaddata the users should have exactly the fixture's profiles; found {bios}."
    )
    expect_receiver_creates_profiles()


@pytest.mark.task(3)
def test_loading_users_from_a_fixture_creates_no_profiles():
    load_fixture("users_only.json")

    created = Profile.objects.filter(user_id__in=[30, 31]).count()
    assert created == 0, (
        f"loaddata of a fixture with 2 users (and no profiles) created {created} Profile(s) "
        f"behind the fixture's back. {RAW_ADVICE}"
    )
    expect_receiver_creates_profiles()


class Rollback(Exception):
    """Raised by a test to roll an atomic block back."""


@pytest.mark.task(1)
def test_inside_atomic_the_profile_rolls_back_with_the_user():
    expect_receiver_creates_profiles()
    try:
        with transaction.atomic():
            user = create_user("rolled-back")
            inside = profiles_of(user)
            raise Rollback
    except Rollback:
        pass

    left = (User.objects.filter(username="rolled-back").count(), profiles_of(user))
    assert (inside, left) == (1, (0, 0)), (
        "Inside transaction.atomic(), post_save runs in the same transaction as the INSERT "
        f"of the user: a rollback removes both. Inside the block the user had {inside} "
        f"profile(s); after the rollback (users, profiles) = {left}, expected (0, 0)."
    )


@pytest.mark.task(1)
@pytest.mark.django_db(transaction=True)
def test_without_atomic_the_user_is_committed_before_post_save_runs():
    expect_receiver_creates_profiles()

    def a_later_receiver_fails(sender, **kwargs):
        raise Rollback

    # Connected after the kata's receiver, so it runs after it.
    post_save.connect(a_later_receiver_fails, sender=User, dispatch_uid="tests.fails")
    try:
        User.objects.create_user(username="autocommit")
    except Rollback:
        pass
    finally:
        post_save.disconnect(sender=User, dispatch_uid="tests.fails")

    users = User.objects.filter(username="autocommit")
    left = (users.count(), Profile.objects.filter(user__in=users).count())
    assert left == (1, 1), (
        "Outside atomic() (autocommit), every query commits on its own: when post_save runs "
        "the user's INSERT is already committed, and so is the profile your receiver "
        f"created, even if a later receiver fails. Expected (users, profiles) = (1, 1); "
        f"found {left}."
    )
