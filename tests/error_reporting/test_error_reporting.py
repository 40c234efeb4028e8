"""TODO (new kata): what the kata's tests check, in one line."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.task(1)
def test_task_1():
    pytest.fail(
        "TODO (new kata): write the tests of task 1 in tests/error_reporting/test_error_reporting.py: behaviour, "
        "not names; a message that teaches",
        pytrace=False,
    )

@pytest.mark.task(2)
def test_task_2():
    pytest.fail(
        "TODO (new kata): write the tests of task 2 in tests/error_reporting/test_error_reporting.py: behaviour, "
        "not names; a message that teaches",
        pytrace=False,
    )

@pytest.mark.task(3)
def test_task_3():
    pytest.fail(
        "TODO (new kata): write the tests of task 3 in tests/error_reporting/test_error_reporting.py: behaviour, "
        "not names; a message that teaches",
        pytrace=False,
    )

@pytest.mark.task(4)
def test_task_4():
    pytest.fail(
        "TODO (new kata): write the tests of task 4 in tests/error_reporting/test_error_reporting.py: behaviour, "
        "not names; a message that teaches",
        pytrace=False,
    )
