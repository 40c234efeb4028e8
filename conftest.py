"""Root conftest: everything a kata test needs comes from the katas.harness.plugin
(loaded by pyproject's addopts) and from pytest-django. Kata fixtures live beside
their tests, in tests/<slug>/conftest.py."""
