"""The sharpest message first, on every path a learner takes.

For a plausible mistake, several tests of a task fail; the one a learner sees first
(plain pytest's brief summary, `katas run`, watch, the board's "Next") must be the
one that names the mistake: the gallery entry's `Expected message:`.
"""

from __future__ import annotations

import io
import shutil

import pytest
from rich.console import Console

from katas.cli import watch
from katas.harness import catalogue, rules

CASES = [("muted_import", "disconnect_without_uid"), ("order_receivers", "stock_on_commit")]


def lay_mistake(repo, slug: str, name: str) -> str:
    """Put a gallery mistake in the learner's files; return its expected message."""
    kata = catalogue.by_slug()[slug]
    repo.solve(slug)
    entry = repo.path / "solutions" / slug / "mistakes" / name
    for path in entry.iterdir():
        if path.name in kata.files:
            shutil.copy(path, repo.path / "katas" / slug / path.name)
    return rules.describe_entry(kata, catalogue.ROOT / "solutions" / slug / "mistakes" / name)[
        "expected"
    ]


def first_failure_block(text: str) -> str:
    """Return the first failure pytest printed in full (up to the next one, or the summary)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if " FAILURES " in line) + 1
    block = []
    for line in lines[start + 1 :]:  # after the first failure's own ___ title line
        if line.startswith(("___", "====")):
            break
        block.append(line)
    return "\n".join(block)


@pytest.mark.parametrize(("slug", "name"), CASES)
def test_plain_pytest_shows_the_sharpest_message_first(katas_repo, slug, name):
    expected = lay_mistake(katas_repo, slug, name)

    run = katas_repo.run(f"tests/{slug}")

    assert expected in first_failure_block(run.text), run.text[-3000:]


@pytest.mark.parametrize(("slug", "name"), CASES)
def test_katas_run_shows_the_sharpest_message_first(katas_repo, slug, name):
    expected = lay_mistake(katas_repo, slug, name)

    done = katas_repo.katas("run", slug)

    assert expected in first_failure_block(done.stdout), done.stdout[-3000:]


@pytest.mark.parametrize(("slug", "name"), CASES)
def test_watch_shows_the_sharpest_message(katas_repo, slug, name):
    expected = lay_mistake(katas_repo, slug, name)
    process, seen = katas_repo.watch_until_watching(slug, env={"COLUMNS": "300"})
    process.terminate()
    process.communicate(timeout=30)

    assert expected in " ".join(seen.split()), seen


def test_watch_prints_the_first_failure_of_the_state_it_is_given():
    from katas.harness import report

    kata = catalogue.by_slug()["muted_import"]
    first = report.TestResult("t::a", kata.slug, 2, "failed", message="the sharp one")
    state = report.KataState(kata, passed_tasks=[1], first_failure=first)
    out = io.StringIO()

    watch.show(Console(file=out, width=200), state)

    assert "the sharp one" in out.getvalue()
