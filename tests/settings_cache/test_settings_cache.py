"""TODO (new kata): what the kata's tests check, in one line."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.task(1)
def test_task_1():
    pytest.fail(
        "TODO (new kata): write the tests of task 1 in tests/settings_cache/test_settings_cache.py: behaviour, "
        "not names; a message that teaches",
        pytrace=False,
    )

@pytest.mark.task(2)
def test_task_2():
    pytest.fail(
        "TODO (new kata): write the tests of task 2 in tests/settings_cache/test_settings_cache.py: behaviour, "
        "not names; a message that teaches",
        pytrace=False,
    )

@pytest.mark.task(3)
def test_task_3():
    pytest.fail(
        "TODO (new kata): write the tests of task 3 in tests/settings_cache/test_settings_cache.py: behaviour, "
        "not names; a message that teaches",
        pytrace=False,
    )
