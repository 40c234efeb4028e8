"""post_migrate creates the default groups: idempotently, for this app only, with the
``apps`` and ``using`` the signal passes."""

import traceback
import weakref
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.migrations.state import ProjectState
from django.db.models.signals import post_migrate, post_save
from django.utils.connection import ConnectionDoesNotExist

pytestmark = pytest.mark.django_db

# The README's table: each default group and the codenames of its permissions.
EXPECTED = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}
APP = "default_groups"


def app_config(label=APP):
    return global_apps.get_app_config(label)


def default_groups():
    """Return {name: sorted permission codenames} of the default groups in the database."""
    return {
        group.name: sorted(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.filter(name__in=EXPECTED).order_by("name")
    }


def start_without_default_groups():
    # The test database was set up with `migrate`, which may have created them already.
    Group.objects.filter(name__in=EXPECTED).delete()


@pytest.fixture(autouse=True)
def _no_migration_files(settings):
    """`migrate` in a test builds its models from the apps, as the test database was built.

    The run uses --no-migrations: pytest-django turns migration files off while it sets
    up the test database, but a settings override ends that with the first test. Turned
    off here for every app, `migrate` finds nothing to apply and only sends post_migrate,
    like a deploy without new migrations.
    """
    settings.MIGRATION_MODULES = {config.label: None for config in global_apps.get_app_configs()}


def where(error):
    """Return file:line of the kata code (not Django's) that raised ``error``."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if "default_groups" in frame.filename and "tests" not in Path(frame.filename).parts
    ]
    if not frames:
        return "a post_migrate receiver"
    path = Path(frames[-1].filename)
    shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    return f"{shown}:{frames[-1].lineno}"


def migrate():
    """Run `migrate`, as a deploy does; fail with a teaching message if a receiver breaks it."""
    try:
        with transaction.atomic():  # keeps the test's transaction usable after an error
            call_command("migrate", verbosity=0, interactive=False)
    except IntegrityError as error:
        problem = f"IntegrityError: {error}"
        advice = (
            "migrate runs on every deploy, so the groups may already exist: get_or_create them, "
            "do not create them."
        )
    except Exception as error:  # the learner's receiver may raise anything
        problem = f"{type(error).__name__}: {error} (at {where(error)})"
        advice = "Every migrate sends post_migrate: a receiver that raises stops the deploy."
    else:
        return
    pytest.fail(
        f"`migrate` failed in your post_migrate receiver with {problem}. {advice}", pytrace=False
    )


def send_post_migrate(label=APP, expect=(), **kwargs):
    """Send post_migrate as `migrate` does for one app (``kwargs`` add or replace arguments).

    An exception of a type in ``expect`` reaches the test; any other fails it with a lesson.
    """
    config = app_config(label)
    arguments = {"app_config": config, "verbosity": 0, "interactive": False, "using": "default"}
    arguments.update(kwargs)
    try:
        with transaction.atomic():  # keeps the test's transaction usable after an error
            post_migrate.send(sender=config, **arguments)
    except expect:
        raise
    except Exception as error:  # the learner's receiver may raise anything
        problem = f"{type(error).__name__}: {error} (at {where(error)})"
    else:
        return
    pytest.fail(
        f"post_migrate for the {label} app made your receiver fail with {problem}.", pytrace=False
    )


def expect_groups_after_migrate():
    """Fail with a pointer to task 1 when post_migrate does not create the groups yet."""
    start_without_default_groups()
    send_post_migrate(apps=global_apps, plan=[])
    found = default_groups()
    assert found == EXPECTED, (
        "This test needs task 1 done first: after post_migrate for the default_groups app the "
        f"default groups should be {EXPECTED}; found {found or 'none'}."
    )
    start_without_default_groups()


@contextmanager
def only_this_katas_receivers(signal):
    """Within the block, ``signal`` calls the kata's receivers only (not Django's own)."""
    with signal.lock:
        saved = list(signal.receivers)
        signal.receivers = [e for e in saved if _module_of(e).startswith(f"katas.{APP}.")]
        signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        with signal.lock:
            signal.receivers = saved
            signal.sender_receivers_cache.clear()


def _module_of(entry):
    receiver = entry[1]  # the receiver, or a weak reference to it (see tests/signal_tools.py)
    if isinstance(receiver, weakref.ReferenceType):
        receiver = receiver()
    return getattr(receiver, "__module__", "") or ""


@pytest.mark.task(1)
def test_migrate_creates_the_default_groups_with_their_permissions():
    start_without_default_groups()

    migrate()

    found = default_groups()
    assert found == EXPECTED, (
        f"After `migrate` the default groups should be {EXPECTED} (name: permission codenames); "
        f"found {found or 'none'}. Connect a receiver to post_migrate in "
        "katas/default_groups/receivers.py that creates each group and adds its permissions."
    )


@pytest.mark.task(2)
def test_migrating_twice_leaves_one_group_of_each():
    start_without_default_groups()
    migrate()
    assert default_groups() == EXPECTED, "This test needs task 1 done first: no default groups."

    migrate()

    counts = {name: Group.objects.filter(name=name).count() for name in EXPECTED}
    assert counts == dict.fromkeys(EXPECTED, 1), (
        f"After migrating twice there should be one group of each; found {counts}."
    )
    assert default_groups() == EXPECTED, (
        f"After migrating twice the groups should still be {EXPECTED}; found {default_groups()}."
    )


@pytest.mark.task(2)
def test_an_existing_group_gets_the_permissions_it_lacks():
    expect_groups_after_migrate()
    Group.objects.create(name="Editors")  # made by hand in the admin, without permissions

    migrate()

    editors = default_groups().get("Editors", [])
    missing = sorted(set(EXPECTED["Editors"]) - set(editors))
    assert not missing, (
        f"An Editors group that existed before `migrate` still lacks {missing} afterwards. "
        "Add the permissions every time, not only when the group was created: a permission "
        "added to DEFAULT_GROUPS in a later release must reach existing databases too."
    )


@pytest.mark.task(3)
def test_post_migrate_of_another_app_creates_no_groups():
    expect_groups_after_migrate()

    for label in ("auth", "contenttypes", "sessions"):
        send_post_migrate(label, apps=global_apps, plan=[])

    found = default_groups()
    assert not found, (
        "post_migrate for the auth, contenttypes and sessions apps created the default "
        f"groups {sorted(found)}. post_migrate is sent once per installed app that has "
        "models, with its AppConfig as the sender: react to the default_groups app only "
        "(sender=its AppConfig). On a fresh database, apps migrated before this one come "
        "first, when its permissions do not exist yet."
    )


@pytest.mark.task(4)
def test_the_receiver_uses_the_models_of_the_apps_it_is_given():
    expect_groups_after_migrate()
    historical = ProjectState.from_apps(global_apps).apps  # the kind `migrate` passes
    saved_through = []

    def record(sender, **kwargs):
        if sender._meta.label == "auth.Group":
            saved_through.append(sender)

    post_save.connect(record, weak=False, dispatch_uid="tests.default_groups.record")
    try:
        send_post_migrate(apps=historical, plan=[], expect=(TypeError,))
    except TypeError as error:
        problem = str(error)
    else:
        problem = None
    finally:
        post_save.disconnect(dispatch_uid="tests.default_groups.record")

    assert problem is None, (
        f"With the `apps` that post_migrate passes, your receiver failed: TypeError: {problem}. "
        "It mixes models of two registries (a global model with one from `apps`). Take every "
        "model from `apps`: apps.get_model('auth', 'Group'), apps.get_model('auth', 'Permission')."
    )
    assert default_groups() == EXPECTED, (
        f"post_migrate with a historical `apps` should create {EXPECTED}; found {default_groups()}."
    )
    assert all(model is not Group for model in saved_through), (
        "Your receiver saved the groups through the global Group model, the one that "
        "`from django.contrib.auth.models import Group` and the global registry "
        "(django.apps.apps.get_model('auth', 'Group')) both give, not the one of the `apps` "
        "post_migrate passes as an argument. During a migration the global models can be "
        "ahead of the database. Take `apps` from the receiver's arguments "
        "(def create_default_groups(sender, apps=global_apps, using=DEFAULT_DB_ALIAS, "
        "**kwargs)) and call apps.get_model('auth', 'Group') on it."
    )


@pytest.mark.task(4)
def test_the_receiver_writes_to_the_database_it_is_given():
    expect_groups_after_migrate()

    with only_this_katas_receivers(post_migrate):
        try:
            send_post_migrate(
                using="archive", apps=global_apps, plan=[], expect=(ConnectionDoesNotExist,)
            )
        except ConnectionDoesNotExist:
            asked_for_archive = True
        else:
            asked_for_archive = False

    written = sorted(default_groups())
    assert (asked_for_archive, written) == (True, []), (
        "We sent post_migrate for the database alias 'archive' (one that this project does not "
        "configure): a receiver that writes with `.using(using)` asks for that database and "
        "fails to connect, as it should here. Yours "
        + (f"wrote {written} to the 'default' database instead. " if written else "did nothing. ")
        + "Query with Group.objects.using(using) and Permission.objects.using(using)."
    )


@pytest.mark.task(4)
def test_flush_sends_no_apps_and_still_gets_the_groups():
    expect_groups_after_migrate()

    try:
        # What `flush` sends (a TransactionTestCase flushes after every test): no apps, no plan.
        send_post_migrate(expect=(TypeError,))
    except TypeError as error:
        problem = str(error)
    else:
        problem = None

    assert problem is None, (
        f"post_migrate without `apps` (what `flush` sends) made your receiver fail: TypeError: "
        f"{problem}. Give the argument a default, as Django's own receivers do: "
        "`apps=global_apps` (from django.apps import apps as global_apps)."
    )
    assert default_groups() == EXPECTED, (
        f"post_migrate without `apps` (what `flush` sends) should create {EXPECTED}; found "
        f"{default_groups() or 'none'}."
    )
