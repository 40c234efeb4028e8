"""Maintainers: `python -m katas.harness.ship [SLUG...]` refreshes the shipped copies.

Run it after changing a kata's learner files, so `katas reset` restores the new version.
"""

import shutil
import sys

from katas.harness import catalogue


def ship(slugs=()) -> None:
    for kata in catalogue.load():
        if slugs and kata.slug not in slugs:
            continue
        for path, shipped in zip(kata.learner_paths(), kata.shipped_paths(), strict=True):
            shipped.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, shipped)
            print(f"shipped {path.relative_to(catalogue.ROOT)}")


if __name__ == "__main__":
    ship(sys.argv[1:])
