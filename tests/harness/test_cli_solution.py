"""`python -m katas solution`: the reference, then what each mistake and alternative teaches;
and the README's gallery sections, in one layout (katas/readme_layout.py)."""

import subprocess
import sys

import pytest

from katas.cli import solution
from katas.harness import catalogue, readme_layout

try:  # the harness's rules module (main); consistency is its name before that
    from katas.harness import rules as gallery_rules
except ImportError:  # pragma: no cover
    from katas.harness import consistency as gallery_rules

KATA = catalogue.by_slug()["muted_import"]  # two learner files, a full gallery


def katas_solution(*args, stdin=subprocess.DEVNULL):
    return subprocess.run(
        [sys.executable, "-m", "katas", "solution", *args],
        cwd=catalogue.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=stdin,
    )


def entries(kata, kind):
    return [entry for found, entry in gallery_rules.gallery(kata) if found == kind]


def test_the_reference_comes_plainly_then_each_mistake_then_each_alternative():
    shown = katas_solution(KATA.slug, "--yes")

    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    for path in KATA.solution_paths():
        assert path.read_text(encoding="utf-8") in out, f"{path.name} is not shown as it is"
    assert "+++ " not in out, "the reference is shown as code, not as a diff"
    positions = []
    for kind in ("mistakes", "alternatives"):
        for entry in entries(KATA, kind):
            told = solution.note(KATA, entry)
            assert f"{entry.name}: {told['summary']}" in out
            assert told["body"].splitlines()[0] in out, f"{entry.name}: its note is missing"
            if kind == "mistakes":
                assert f"The tests say: “…{told['expected']}…”" in out
                assert f"--katas-target=solutions/{KATA.slug}/mistakes/{entry.name}" in out
            positions.append(out.index(f"{entry.name}: {told['summary']}"))
    assert positions == sorted(positions), "mistakes first, then alternatives, in gallery order"


def test_the_diff_is_there_on_request():
    shown = katas_solution(KATA.slug, "--yes", "--diff")

    assert shown.returncode == 0, shown.stderr
    for name in KATA.files:
        assert f"+++ solutions/{KATA.slug}/{name} (reference)" in shown.stdout
    assert "Mistakes people make in muted_import" in shown.stdout


def test_without_a_terminal_nothing_is_shown_unless_yes():
    refused = katas_solution(KATA.slug)

    assert refused.returncode == 1
    assert "pass --yes" in refused.stderr
    assert KATA.solution_paths()[0].read_text(encoding="utf-8") not in refused.stdout
    assert "Mistake" not in refused.stdout


@pytest.mark.parametrize("kata", catalogue.load(), ids=lambda kata: kata.slug)
def test_every_entry_of_every_gallery_says_what_it_teaches(kata):
    text = solution.gallery(kata)

    for kind, entry in gallery_rules.gallery(kata):
        told = solution.note(kata, entry)
        assert told["summary"], f"{entry}: no summary line"
        assert told["body"], f"{entry}: no note after the summary line"
        assert f"{entry.name}: {told['summary']}" in text
        assert "Expected message:" not in told["body"]
        assert not told["summary"].startswith(("Mistake:", "Alternative:"))
        if kind == "mistakes":
            assert told["expected"], f"{entry}: no Expected message"
            assert told["expected"] in text


# The README's gallery sections: one layout, from the gallery (katas/readme_layout.py).


@pytest.mark.parametrize("kata", catalogue.load(), ids=lambda kata: kata.slug)
def test_every_readme_keeps_the_gallery_layout(kata):
    assert readme_layout.readme_gallery_layout(kata) == []


KATA_README = (catalogue.KATAS_DIR / KATA.slug / "README.md").read_text(encoding="utf-8")


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return readme_layout.readme_gallery_layout(KATA)


def test_a_readme_that_strays_from_the_layout_is_told_how(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogue, "KATAS_DIR", tmp_path)
    (tmp_path / KATA.slug).mkdir()
    path = tmp_path / KATA.slug / "README.md"
    mistakes = entries(KATA, "mistakes")
    first, second = mistakes[0].name, mistakes[1].name

    assert write(path, KATA_README) == []
    dropped = KATA_README.replace(
        next(line for line in KATA_README.splitlines() if f"[`{first}`]" in line) + "\n", ""
    )
    assert f"does not list solutions/{KATA.slug}/mistakes/{first}" in "\n".join(
        write(path, dropped)
    )
    reworded = KATA_README.replace(f"/mistakes/{second}/): ", f"/mistakes/{second}/): Mistake: ")
    assert f"the entry `{second}` should read" in "\n".join(write(path, reworded))
    old_layout = KATA_README.replace(
        "## Mistakes people make", "## Pitfalls\n\n### Mistakes people make"
    )
    assert "`## Pitfalls` does not belong to the layout" in "\n".join(write(path, old_layout))
    unknown = (
        KATA_README + "- [`made_up`](../../solutions/x/alternatives/made_up/): no such thing\n"
    )
    assert "lists `made_up`, which" in "\n".join(write(path, unknown))
    gone = KATA_README[: KATA_README.index("## Other correct solutions")]
    assert "needs exactly one `## Other correct solutions` section" in "\n".join(write(path, gone))


def test_gallery_section_writes_what_the_check_accepts(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogue, "KATAS_DIR", tmp_path)
    (tmp_path / KATA.slug).mkdir()
    path = tmp_path / KATA.slug / "README.md"
    head = KATA_README[: KATA_README.index("## Mistakes people make")]

    assert write(path, head + readme_layout.gallery_section(KATA)) == []
