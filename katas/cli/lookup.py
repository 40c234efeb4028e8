"""Resolve the KATA argument of a command: a slug, a unique prefix of one, or a number."""

from __future__ import annotations

import difflib

from katas.harness import catalogue


class UnknownKata(LookupError):
    """No kata (or more than one) matches what the learner typed."""

    exit_status = 2


def find(text: str | None) -> catalogue.Kata:
    """Return the kata that ``text`` names, or raise :class:`UnknownKata` with suggestions."""
    katas = catalogue.load()
    if text is None:
        slugs = ", ".join(kata.slug for kata in katas)
        raise UnknownKata(f"which kata? give its number (1 to {len(katas)}) or slug: {slugs}")
    wanted = text.strip().lower().replace("-", "_")
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(katas):
        return katas[int(wanted) - 1]
    for kata in katas:
        if kata.slug == wanted:
            return kata
    matches = [kata for kata in katas if kata.slug.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    slugs = [kata.slug for kata in katas]
    close = [k.slug for k in matches] or difflib.get_close_matches(wanted, slugs, n=3, cutoff=0.6)
    message = f"no kata {text!r}"
    if close:
        message += f"; did you mean {', '.join(close)}?"
    else:
        message += f" (1 to {len(katas)}, or one of: {', '.join(slugs)})"
    raise UnknownKata(message)


def add_argument(parser, *, optional: bool = False) -> None:
    """Add the KATA positional argument to ``parser``."""
    parser.add_argument(
        "kata",
        nargs="?" if optional else None,
        metavar="KATA",
        help="a kata: its slug, a unique prefix of it, or its number in the course",
    )
