"""The one layout of a kata README's gallery sections, and the check that a README keeps it.

:func:`readme_gallery_layout` (a rule of :mod:`katas.harness.rules`) returns the
problems of one kata's README as sentences (empty when it is fine), and
:func:`gallery_section` writes the two sections from the gallery itself, so a
maintainer can paste them (CONTRIBUTING.md, "The README", says the layout).

The layout, at the end of the README, after "What the best ... know":

    ## Mistakes people make

    <MISTAKES_INTRO, with the kata's slug>

    - [`<name>`](../../solutions/<slug>/mistakes/<name>/): <its docstring's first line>
      (one line per mistake, in the gallery's order, without the "Mistake: " prefix)

    ## Other correct solutions

    <ALTERNATIVES_INTRO, with the kata's slug>

    - [`<name>`](../../solutions/<slug>/alternatives/<name>/): <its first line>
"""

from __future__ import annotations

import re
import textwrap

from katas.harness import rules as gallery_rules

MISTAKES = "Mistakes people make"
ALTERNATIVES = "Other correct solutions"
MISTAKES_INTRO = (
    "Each is a wrong solution that the tests reject, in `solutions/{slug}/mistakes/`, with "
    "what is wrong and why people write it. `python -m katas solution {slug}` shows each "
    "with the message that catches it; run one with "
    "`pytest tests/{slug} --katas-target=solutions/{slug}/mistakes/<name>`."
)
ALTERNATIVES_INTRO = (
    "Each passes the tests too, in `solutions/{slug}/alternatives/`, with why it is right."
)
KINDS = (
    ("mistakes", MISTAKES, MISTAKES_INTRO, "Mistake: "),
    ("alternatives", ALTERNATIVES, ALTERNATIVES_INTRO, "Alternative: "),
)
# Markdown would read these as emphasis outside a code span: `__name__`, `**kwargs`.
_EMPHASIS = re.compile(r"(__\w|\*\*|\w__)")
_BULLET = re.compile(r"^- \[`(?P<name>[^`]+)`\]\((?P<link>[^)]*)\): (?P<text>.+)$")


def _entries(kata, kind):
    return [entry for found, entry in gallery_rules.gallery(kata) if found == kind]


def _summary(kata, entry, prefix) -> str:
    info = gallery_rules.describe_entry(kata, entry) or {}
    return info.get("summary", "").removeprefix(prefix).strip()


def _link(kata, kind, name) -> str:
    return f"../../solutions/{kata.slug}/{kind}/{name}/"


def gallery_section(kata) -> str:
    """Return the README's two gallery sections for ``kata``, written from its gallery."""
    parts = []
    for kind, heading, intro, prefix in KINDS:
        bullets = [
            f"- [`{entry.name}`]({_link(kata, kind, entry.name)}): {_summary(kata, entry, prefix)}"
            for entry in _entries(kata, kind)
        ]
        wrapped = textwrap.fill(
            intro.format(slug=kata.slug), width=84, break_long_words=False, break_on_hyphens=False
        )
        parts.append(f"## {heading}\n\n{wrapped}\n\n" + "\n".join(bullets))
    return "\n\n".join(parts) + "\n"


def _outside_code(text: str) -> str:
    return re.sub(r"`+[^`]*`+", "", text)


def _sections(text: str) -> list[tuple[int, str, str]]:
    """Split a README into (level, heading, body) for each heading, outside code fences."""
    found, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        heading = None if fenced else re.match(r"^(#{1,6}) (.*)$", line)
        if heading:
            found.append([len(heading.group(1)), heading.group(2).strip(), []])
        elif found:
            found[-1][2].append(line)
    return [(level, title, "\n".join(body).strip("\n")) for level, title, body in found]


def _section_problems(kata, shown, kind, heading, intro, prefix, body) -> list[str]:
    found = []
    paragraphs = body.split("\n\n")
    wanted_intro = intro.format(slug=kata.slug)
    if " ".join(paragraphs[0].split()) != wanted_intro:
        found.append(f"{shown}: `## {heading}` should open with the paragraph: {wanted_intro}")
    lines = [line for line in "\n\n".join(paragraphs[1:]).splitlines() if line.strip()]
    listed = []
    for line in lines:
        bullet = _BULLET.match(line)
        if not bullet:
            found.append(
                f"{shown}: under `## {heading}`, {line.strip()[:60]!r} is not an entry line; "
                f"write one line per entry, - [`<name>`]({_link(kata, kind, '<name>')}): <summary>"
            )
            continue
        name = bullet.group("name")
        listed.append(name)
        if bullet.group("link") != _link(kata, kind, name):
            found.append(
                f"{shown}: the entry `{name}` should link to {_link(kata, kind, name)}, "
                f"not {bullet.group('link')}"
            )
        entry = kata.solution_directory / kind / name
        if entry.is_dir() and bullet.group("text").strip() != _summary(kata, entry, prefix):
            found.append(
                f"{shown}: the entry `{name}` should read {_summary(kata, entry, prefix)!r}, the "
                f"first line of its docstring without {prefix.strip()!r}"
            )
    entries = [entry.name for entry in _entries(kata, kind)]
    for name in entries:
        if name not in listed:
            found.append(
                f"{shown}: `## {heading}` does not list solutions/{kata.slug}/{kind}/{name}"
            )
    for name in listed:
        if name not in entries:
            found.append(
                f"{shown}: `## {heading}` lists `{name}`, which solutions/{kata.slug}/{kind}/ "
                "does not hold"
            )
    if listed != entries and set(listed) == set(entries):
        found.append(
            f"{shown}: `## {heading}` should list its entries in the gallery's order "
            f"(by name): {', '.join(entries)}"
        )
    for entry in _entries(kata, kind):
        if _EMPHASIS.search(_outside_code(_summary(kata, entry, prefix))):
            found.append(
                f"{_shown_entry(kata, kind, entry.name)}: put the names in the first line of "
                "the docstring in backticks: Markdown reads `__` and `**` as emphasis"
            )
    return found


def _shown_entry(kata, kind, name) -> str:
    return f"solutions/{kata.slug}/{kind}/{name}"


def readme_gallery_layout(kata) -> list[str]:
    """Return what keeps ``kata``'s README from the one gallery layout, as sentences."""
    shown = f"katas/{kata.slug}/README.md"
    if not kata.readme.is_file():
        return [f"{shown} is missing"]
    sections = _sections(kata.readme.read_text(encoding="utf-8"))
    found = []
    for level, title, _ in sections:
        if title in (MISTAKES, ALTERNATIVES, "Pitfalls") and level != 2 or title == "Pitfalls":
            found.append(
                f"{shown}: `{'#' * level} {title}` does not belong to the layout: the gallery "
                f"is `## {MISTAKES}` then `## {ALTERNATIVES}`, the last two sections"
            )
    titles = [title for level, title, _ in sections if level == 2]
    for _, heading, *_ in KINDS:
        if titles.count(heading) != 1:
            found.append(
                f"{shown}: needs exactly one `## {heading}` section; it has {titles.count(heading)}"
            )
    if found:
        return found
    if titles[-2:] != [MISTAKES, ALTERNATIVES]:
        found.append(
            f"{shown}: `## {MISTAKES}` then `## {ALTERNATIVES}` should be the last two sections "
            f"of the README; they are followed by {titles[titles.index(ALTERNATIVES) + 1 :]}"
            if titles.index(MISTAKES) < titles.index(ALTERNATIVES)
            else f"{shown}: `## {MISTAKES}` should come before `## {ALTERNATIVES}`"
        )
    bodies = {title: body for level, title, body in sections if level == 2}
    for kind, heading, intro, prefix in KINDS:
        found += _section_problems(kata, shown, kind, heading, intro, prefix, bodies[heading])
    return found
