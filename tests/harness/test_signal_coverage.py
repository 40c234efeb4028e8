"""README.md's table of Django's signals lists every signal of the running Django.

A Django release that adds a signal to one of its signal modules fails this test,
naming the signal: then give it a row, and a kata or a mention.
"""

import importlib
import re

from django.dispatch import Signal

from katas.harness import catalogue

README = catalogue.ROOT / "README.md"
SECTION = "## Every Django signal, kata by kata"
MODULES = (
    "django.db.models.signals",
    "django.core.signals",
    "django.test.signals",
    "django.db.backends.signals",
    "django.contrib.auth.signals",
)


def django_signals() -> dict[str, list[str]]:
    """Return {signal name: the modules that hold it} for the five modules, on this Django."""
    found: dict[str, list[str]] = {}
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, Signal) and not name.startswith("_"):
                found.setdefault(name, []).append(module_name)
    return found


def table_rows() -> dict[str, str]:
    """Return {signal name: its Module cell} of the README's table of signals."""
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"README.md has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \|", section, re.MULTILINE)
    return dict(rows)


def test_every_signal_of_djangos_signal_modules_has_a_row():
    rows = table_rows()
    missing = {name: modules for name, modules in django_signals().items() if name not in rows}

    assert not missing, (
        f"README.md's section {SECTION!r} has no row for: "
        + ", ".join(f"{name} ({', '.join(modules)})" for name, modules in sorted(missing.items()))
        + ". Add one: the signal, its module, the katas that put it to a job or mention it."
    )


def test_each_row_names_a_module_that_holds_its_signal():
    signals = django_signals()
    wrong = {
        name: cell
        for name, cell in table_rows().items()
        if name in signals and not any(f"`{module}`" in cell for module in signals[name])
    }

    assert not wrong, (
        f"Rows of README.md's section {SECTION!r} name the wrong module: "
        + ", ".join(
            f"{name} is in {' and '.join(signals[name])}, the row says {cell}"
            for name, cell in wrong.items()
        )
    )
