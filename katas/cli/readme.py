"""Read a kata README's numbered tasks, so commands show the learner the task's own words."""

from __future__ import annotations

import re

from katas.harness import catalogue


def task_words(kata: catalogue.Kata, number: int) -> str:
    """Return task ``number``'s paragraph from the README's "## Tasks" list, markup stripped."""
    text = kata.readme.read_text(encoding="utf-8")
    section = text.split("## Tasks", 1)[-1].split("\n## ", 1)[0]
    match = re.search(rf"^{number}\. (.*?)(?=^\d+\. |\Z)", section, re.MULTILINE | re.DOTALL)
    if not match:
        return kata.task(number).title
    words = " ".join(line.strip() for line in match.group(1).splitlines() if line.strip())
    return words.replace("**", "")
