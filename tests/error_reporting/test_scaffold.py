"""What is still to do before kata error_reporting is done (written by `python -m katas new`).

Each item fails here, so `python -m katas verify error_reporting` lists it. When the only item
left is to delete this file, delete it.
"""

import pytest

from katas.cli.new import checklist

TO_DO = checklist("error_reporting")


@pytest.mark.task(1)
@pytest.mark.parametrize("item", TO_DO, ids=[f"to_do_{n}" for n in range(1, len(TO_DO) + 1)])
def test_still_to_do(item):
    pytest.fail(item, pytrace=False)
