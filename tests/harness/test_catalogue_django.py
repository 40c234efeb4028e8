"""A kata may need a range of Django versions: the catalogue says which, and why."""

import pytest

from katas.harness import catalogue

BLOCK = """
[[kata]]
slug = "needs_new_django"
title = "A kata for new Djangos"
files = ["receivers.py"]
tests = "tests/needs_new_django"
{extra}

[[kata.task]]
title = "Do it"
hints = ["Read the docs."]
"""


def kata_with(extra: str) -> catalogue.Kata:
    return catalogue.parse(BLOCK.format(extra=extra))[0]


def test_a_kata_without_a_django_field_runs_everywhere():
    kata = kata_with("")
    assert kata.django == ""
    assert kata.unavailable_reason("4.2.30") is None


@pytest.mark.parametrize("version", ["5.0", "5.2.19", "6.1.3", "6.2a1"])
def test_a_supported_django_has_no_reason(version):
    assert kata_with('django = ">=5.0"').unavailable_reason(version) is None


def test_an_older_django_gets_the_reason_in_a_sentence():
    kata = kata_with('django = ">=5.0"\ndjango_why = "asend() came in 5.0"')
    assert kata.unavailable_reason("4.2.30") == (
        "needs Django 5.0 or newer (you have 4.2.30): asend() came in 5.0"
    )


def test_a_django_field_that_is_not_a_specifier_is_refused():
    with pytest.raises(catalogue.CatalogueError, match="not a version specifier"):
        kata_with('django = "5.0 or newer"')


def test_the_async_receivers_kata_needs_django_5():
    kata = catalogue.by_slug()["async_receivers"]
    assert kata.unavailable_reason("4.2.30").startswith("needs Django 5.0 or newer")
    assert kata.unavailable_reason("5.2.19") is None
