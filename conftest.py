"""Root conftest: everything a kata test needs comes from the katas.harness.plugin
(loaded by pyproject's addopts) and from pytest-django. Kata fixtures live beside
their tests, in tests/<slug>/conftest.py."""

# pytester drives the harness's own tests (tests/harness/), which run pytest on a copy
# of this repository; pytest only accepts pytest_plugins in the root conftest.
pytest_plugins = ["pytester"]
