"""The cached upload settings follow override_settings, in and out, and only their own setting."""

from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import setting_changed
from django.test import override_settings

from katas.settings_cache import uploads
from tests.signal_tools import connected, learner_code

RECEIVERS = "katas/settings_cache/receivers.py"
MB = 1024 * 1024


def accepts(content_type, size=1000):
    """Whether uploads.validate_upload() lets a file of that type and size in."""
    upload = SimpleUploadedFile("upload.bin", b"x", content_type=content_type)
    upload.size = size
    try:
        uploads.validate_upload(upload)
    except ValidationError:
        return False
    return True


def shown(options):
    return ", ".join(f"{name}={value!r}" for name, value in options.items())


@contextmanager
def overridden(**options):
    """override_settings(**options); a receiver's error on the way in or out fails the test."""
    override = override_settings(**options)
    with learner_code(f"Entering override_settings({shown(options)})"):
        override.enable()
    try:
        yield
    finally:
        with learner_code(f"Leaving override_settings({shown(options)})"):
            override.disable()


STALE = (
    "allowed_upload_types() still returns what it computed before the override: its "
    "cache does not know that the setting changed. Write a receiver of setting_changed "
    f"in {RECEIVERS} that calls uploads.allowed_upload_types.cache_clear() when `setting` "
    "is 'ALLOWED_UPLOAD_TYPES'."
)


def sender_note():
    """Say so when the kata's receiver listens to setting_changed from one sender only."""
    ours = [
        r
        for r in connected(setting_changed)
        if getattr(r, "__module__", "").startswith("katas.settings_cache")
    ]
    any_sender = connected(setting_changed, sender=None)
    filtered = sorted(
        getattr(r, "__name__", repr(r)) for r in ours if all(r is not a for a in any_sender)
    )
    if not filtered:
        return ""
    return (
        f" {filtered} is connected for one sender only: override_settings sends "
        "setting_changed with the class of the settings object in place after the change "
        "(UserSettingsHolder when a block starts): connect it with no sender=."
    )


def needs_task_1():
    """Fail with a pointer to task 1 unless the types follow an override."""
    accepts("image/png")
    with overridden(ALLOWED_UPLOAD_TYPES=["application/pdf"]):
        followed = accepts("application/pdf")
    assert followed, (
        "This test needs task 1 done first: under override_settings(ALLOWED_UPLOAD_TYPES="
        "['application/pdf']) a PDF should be accepted; it was refused."
    )


# Task 1: see the new value under override_settings.


@pytest.mark.task(1)
def test_override_settings_lets_the_new_types_in():
    assert accepts("image/png"), "By default a PNG is accepted."
    assert not accepts("application/pdf"), "By default a PDF is refused."

    with overridden(ALLOWED_UPLOAD_TYPES=["application/pdf"]):
        pdf, png = accepts("application/pdf"), accepts("image/png")

    assert (pdf, png) == (True, False), (
        "Under override_settings(ALLOWED_UPLOAD_TYPES=['application/pdf']) a PDF should be "
        f"accepted and a PNG refused; the PDF was {'accepted' if pdf else 'refused'}, the PNG "
        f"{'accepted' if png else 'refused'}. {STALE}{sender_note()}"
    )


@pytest.mark.task(1)
def test_pytest_django_settings_fixture_lets_the_new_types_in(settings):
    assert accepts("image/png"), "By default a PNG is accepted."

    with learner_code("Setting settings.ALLOWED_UPLOAD_TYPES (pytest-django's fixture)"):
        settings.ALLOWED_UPLOAD_TYPES = ["image/gif"]

    assert accepts("image/gif"), (
        "After `settings.ALLOWED_UPLOAD_TYPES = ['image/gif']` with pytest-django's `settings` "
        "fixture (an override_settings underneath, which sends setting_changed) a GIF should "
        f"be accepted; it was refused. {STALE}{sender_note()}"
    )


@pytest.mark.task(1)
def test_override_settings_changes_the_size_limit_too():
    assert accepts("image/png", size=3 * MB), "By default a 3 MB PNG is accepted (5 MB limit)."

    with overridden(MAX_UPLOAD_MB=2):
        big = accepts("image/png", size=3 * MB)

    assert not big, (
        "Under override_settings(MAX_UPLOAD_MB=2) a 3 MB file should be refused; it was "
        "accepted: max_upload_bytes() kept the 5 MB it computed before. Empty its cache "
        "(uploads.max_upload_bytes.cache_clear()) when `setting` is 'MAX_UPLOAD_MB'."
        + sender_note()
    )


@pytest.mark.task(1)
def test_the_receiver_is_connected_at_startup():
    # This module never imports katas.settings_cache.receivers.
    modules = {getattr(r, "__module__", "") for r in connected(setting_changed)}
    assert any(m.startswith("katas.settings_cache") for m in modules), (
        "No receiver of kata settings_cache listens to setting_changed (its receivers come "
        f"from {sorted(m for m in modules if m)}). Use @receiver(setting_changed) at the top "
        f"of {RECEIVERS}, which apps.py imports in ready()."
    )


# Task 2: back to the old value when the override ends.


@pytest.mark.task(2)
def test_leaving_the_override_brings_the_old_types_back():
    needs_task_1()

    with overridden(ALLOWED_UPLOAD_TYPES=["application/pdf"]):
        assert accepts("application/pdf")

    pdf, png = accepts("application/pdf"), accepts("image/png")
    assert (pdf, png) == (False, True), (
        "After the override_settings block ended, the defaults should be back (PNG accepted, "
        f"PDF refused); the PDF was {'accepted' if pdf else 'refused'}, the PNG "
        f"{'accepted' if png else 'refused'}. The cache still holds what was computed inside "
        "the block. override_settings sends setting_changed again when the block ends, with "
        "enter=False: empty the cache then too."
    )


@pytest.mark.task(2)
def test_nested_overrides_unwind_one_at_a_time():
    needs_task_1()

    with overridden(ALLOWED_UPLOAD_TYPES=["application/pdf"]):
        with overridden(ALLOWED_UPLOAD_TYPES=["image/gif"]):
            assert accepts("image/gif")
        pdf, gif = accepts("application/pdf"), accepts("image/gif")

    assert (pdf, gif) == (True, False), (
        "Leaving the inner of two overrides (['application/pdf'] outside, ['image/gif'] "
        "inside) should bring the outer value back; the PDF was "
        f"{'accepted' if pdf else 'refused'}, the GIF {'accepted' if gif else 'refused'}. "
        "Empty the cache on enter=False too."
    )


@pytest.mark.task(2)
def test_the_size_limit_comes_back_too():
    needs_task_1()

    with overridden(MAX_UPLOAD_MB=2):
        assert not accepts("image/png", size=3 * MB)

    assert accepts("image/png", size=3 * MB), (
        "After override_settings(MAX_UPLOAD_MB=2) ended, the 5 MB default should be back and "
        "a 3 MB file accepted; it was refused. Empty max_upload_bytes()'s cache on "
        "enter=False too."
    )


# Task 3: that cache, for that setting only.


@pytest.mark.task(3)
def test_other_settings_leave_both_caches_alone(computed):
    needs_task_1()
    accepts("image/png")
    before = (computed.types, computed.size_limit)

    for options in ({"DEBUG": True}, {"LANGUAGE_CODE": "fr"}, {"MEDIA_URL": "/files/"}):
        with overridden(**options):
            accepts("image/png")
        accepts("image/png")

    again = (computed.types - before[0], computed.size_limit - before[1])
    assert again == (0, 0), (
        "Three overrides of other settings (DEBUG, LANGUAGE_CODE, MEDIA_URL), each read "
        f"inside and after, recomputed the allowed types {again[0]} time(s) and the size "
        f"limit {again[1]} time(s); neither should be. setting_changed is sent for every "
        "setting every override changes (in a test suite, thousands): check `setting` and "
        "empty a cache only for its own."
    )


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("options", "own", "other"),
    [
        ({"MAX_UPLOAD_MB": 1}, "size_limit", "types"),
        ({"ALLOWED_UPLOAD_TYPES": ["image/png", "image/webp"]}, "types", "size_limit"),
    ],
    ids=["MAX_UPLOAD_MB", "ALLOWED_UPLOAD_TYPES"],
)
def test_each_setting_empties_its_own_cache_only(computed, options, own, other):
    needs_task_1()
    accepts("image/png")
    before = {name: getattr(computed, name) for name in ("types", "size_limit")}

    with overridden(**options):
        accepts("image/png")
    accepts("image/png")

    again = {name: getattr(computed, name) - before[name] for name in before}
    names = {"types": "the allowed types", "size_limit": "the size limit"}
    assert again[own] == 2, (
        f"override_settings({shown(options)}), read once inside and once after, should compute "
        f"{names[own]} twice (the new value, then the old one back); it computed it "
        f"{again[own]} time(s)."
    )
    assert again[other] == 0, (
        f"override_settings({shown(options)}) recomputed {names[other]} {again[other]} time(s): "
        f"its cache was emptied although its setting did not change. Empty each cache for its "
        "own setting only: allowed_upload_types() for ALLOWED_UPLOAD_TYPES, max_upload_bytes() "
        "for MAX_UPLOAD_MB."
    )


@pytest.mark.task(3)
def test_without_a_change_the_value_is_computed_once(computed):
    needs_task_1()
    before = computed.types

    for _ in range(50):
        accepts("image/png")

    assert computed.types - before <= 1, (
        f"Fifty uploads with no setting changed computed the allowed types "
        f"{computed.types - before} times; at most once is the point of the cache. Keep "
        "uploads.allowed_upload_types cached: empty it only when its setting changes."
    )
