"""Every new user gets exactly one Profile (post_save, created, raw)."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError
from django.db.models.signals import post_save
from factory.django import mute_signals
from model_bakery import baker

from katas.profile_on_signup.models import Profile
from tests.signal_tools import connected, modules_of

from .factories import UserFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
User = get_user_model()


def profiles_of(user):
    return Profile.objects.filter(user_id=user.pk).count()


def expect_receiver_creates_profiles():
    """Fail with a pointer to task 1 when no receiver creates profiles yet."""
    user = User.objects.create_user(username="guard")
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
    user = CREATE_USER[how]()

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
    assert any(m.startswith("katas.profile_on_signup") for m in modules), (
        "No receiver of kata profile_on_signup listens to post_save from the user model "
        f"(receivers found for it: {modules or 'none'}). Decorate your function with "
        "@receiver(post_save, sender=settings.AUTH_USER_MODEL) in "
        "katas/profile_on_signup/receivers.py."
    )


@pytest.mark.task(1)
def test_saving_other_models_creates_no_profile():
    expect_receiver_creates_profiles()
    with mute_signals(post_save):
        user = UserFactory(username="no-profile-yet")
    before = Profile.objects.count()
    try:
        Group.objects.create(name="editors")
        Profile.objects.create(user=user, bio="Created by hand.")
    except (ValueError, TypeError, AttributeError, IntegrityError) as error:
        pytest.fail(
            "Saving a Group or a Profile made your receiver fail: "
            f"{type(error).__name__}: {error}. Connect it to the user model only "
            "(sender=settings.AUTH_USER_MODEL), not to every sender.",
            pytrace=False,
        )
    created = Profile.objects.count() - before
    assert created == 1, (
        f"Saving a Group and creating one Profile by hand should add 1 Profile; added {created}. "
        "Your receiver should listen to the user model only."
    )


@pytest.mark.task(2)
def test_saving_an_existing_user_again_keeps_its_one_profile():
    user = User.objects.create_user(username="ada")
    first = profiles_of(user)
    assert first == 1, f"Creating a user should create exactly 1 Profile; found {first}."

    user.first_name = "Ada"
    try:
        user.save()
        user.save(update_fields=["first_name"])
    except IntegrityError as error:
        pytest.fail(
            f"Saving an existing user raised IntegrityError ({error}): your receiver tried "
            "to create a second Profile. Saves of existing users are updates.",
            pytrace=False,
        )
    found = profiles_of(user)
    assert found == 1, f"After saving the user again it should still have 1 Profile; found {found}."


@pytest.mark.task(2)
def test_saving_a_user_again_keeps_the_profile_data():
    user = UserFactory(username="grace")
    assert profiles_of(user) == 1, "Creating a user should create exactly 1 Profile; found none."
    Profile.objects.filter(user=user).update(bio="Found the first bug.")
    profile_id = Profile.objects.get(user=user).pk

    user.last_name = "Hopper"
    user.save()

    profile = Profile.objects.get(user=user)
    assert (profile.pk, profile.bio) == (profile_id, "Found the first bug."), (
        "Saving an existing user replaced or reset its Profile "
        f"(before: id={profile_id}, bio='Found the first bug.'; after: id={profile.pk}, "
        f"bio={profile.bio!r}). An update of the user must leave its profile alone."
    )


def load_fixture(name):
    try:
        call_command("loaddata", str(FIXTURES / name), verbosity=0)
    except IntegrityError as error:
        pytest.fail(
            f"Loading the fixture {name} failed: IntegrityError: {error}. Your receiver "
            "created a Profile while loaddata was saving users (raw=True), and then the "
            "fixture's own profile collided with it.",
            pytrace=False,
        )


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
        "behind the fixture's back. Saves with raw=True should be left alone."
    )
    expect_receiver_creates_profiles()
