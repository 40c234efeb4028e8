"""`tox -m mine`: your own katas judged on every supported Django, in one table.

    python -m katas.harness.mine write PATH [--store DIR]   # in each mine-djangoXY env
    python -m katas.harness.mine table DIR                  # in the last env: the table

``write`` judges every kata of the learner's working tree on the Django installed
here (:func:`katas.harness.progress.collect`) and writes each kata's summary, with
the Django and Python versions, to ``PATH``. ``--store`` keeps this env's verdicts
apart from the board's (``.katas/``), so the envs do not evict each other's.

``table`` reads every file of one tox run's folder (``.tox/mine/<run>/``: a run of
tox writes only to its own folder, so an earlier run's results are never shown) and
prints one table: kata by Django version. A Django that no installed Python can run
has a column saying which Python it needs (the tox plugin, ``toxfile.py``, writes
that file for a skipped env). ``table`` needs nothing but the standard library.

A learner's red or broken katas are not an error: ``write`` exits 0 whenever it
could judge, and 1 (having written why) when it could not.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

VERSION = 1
NOT_RUN = "-"


# --- write: one env's verdicts -----------------------------------------------------


def judge(store: Path | None = None) -> dict:
    """Judge every kata of the working tree on this Django; return the result to write."""
    import django

    from katas.harness import progress

    # This env's verdicts, not the board's (another Django, another key anyway).
    states = progress.collect(store=Path(store) if store is not None else None)
    return {
        "version": VERSION,
        "django": django.get_version(),
        "python": ".".join(map(str, sys.version_info[:3])),
        "katas": [
            {
                "slug": s.kata.slug,
                "summary": s.summary,
                "unavailable": s.unavailable or "",
            }
            for s in states
        ],
    }


def write(path: Path, store: Path | None = None) -> int:
    """Write this env's result to ``path``; on a failure to judge, write why and return 1."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        result = judge(store)
        code = 0
    except Exception:  # the table must say this column broke, not leave it out
        traceback.print_exc()
        result = {"version": VERSION, "error": traceback.format_exc(limit=3).strip()}
        code = 1
    result["env"] = path.stem
    _write_json(path, result)
    return code


def _write_json(path: Path, value: dict) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(value, indent=1), encoding="utf-8")
    partial.replace(path)


# --- table: every env of one run ---------------------------------------------------


@dataclass
class Column:
    """One Django version's column: its cells by kata, or why it has none."""

    env: str
    django: str  # "4.2": from the installed Django, else from the env's name
    detail: str = ""  # "Django 4.2.30, Python 3.12.1", or why the column is empty
    head: str = ""  # under the column's title: "Python 3.12", "needs Python 3.12+"
    cells: dict[str, str] = field(default_factory=dict)  # slug -> summary
    unavailable: dict[str, str] = field(default_factory=dict)  # slug -> why
    judged: bool = True


def python_words(choices: list[str]) -> str:
    """Return ``["3.12", "3.11", "3.10"]`` as "3.10, 3.11 or 3.12"."""

    def key(text: str):
        return tuple(int(n) for n in re.findall(r"\d+", text)) or (0,)

    names = sorted({re.sub(r"^(python|py|cpython-?)", "", c) for c in choices}, key=key)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"


def django_of_env(env: str) -> str:
    """Return the Django version an env's name asks for: ``mine-django42`` -> "4.2"."""
    found = re.search(r"django(\d)(\d+)", env)
    return f"{found[1]}.{found[2]}" if found else env


def column(entry: dict) -> Column:
    """Read one env's file (a result, a skip or an error) as a column."""
    env = str(entry.get("env", "?"))
    if "katas" in entry:
        version = str(entry.get("django", ""))
        short = ".".join(version.split(".")[:2]) or django_of_env(env)
        python = str(entry.get("python", "?"))
        found = Column(env, short, f"Django {version}, Python {python}")
        found.head = "Python " + ".".join(python.split(".")[:2])
        for kata in entry["katas"]:
            found.cells[kata["slug"]] = kata["summary"]
            if kata.get("unavailable"):
                found.unavailable[kata["slug"]] = kata["unavailable"]
        return found
    if "needs" in entry:
        words = python_words(list(entry["needs"]))
        detail = f"not run: needs Python {words}; none found (pyenv: list it in PYENV_VERSION)"
        return Column(env, django_of_env(env), detail, f"needs Python {words}", judged=False)
    why = str(entry.get("error", "no result")).strip().splitlines()
    detail = f"not judged: {env} broke ({why[-1] if why else 'no result'})"
    return Column(env, django_of_env(env), detail, "env broke", judged=False)


def read_run(folder: Path) -> list[dict]:
    """Return the entries of one run's folder; an unreadable file counts as a broken env."""
    entries = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entry, dict):
                raise ValueError("not an object")
        except (OSError, ValueError) as error:
            entry = {"error": f"unreadable result {path.name}: {error}"}
        entry.setdefault("env", path.stem)
        entries.append(entry)
    return entries


@dataclass
class Table:
    columns: list[Column]
    katas: list[str]  # slugs, in course order

    def cell(self, slug: str, django: str) -> str:
        """The cell of ``slug`` under Django ``django`` ("4.2")."""
        for found in self.columns:
            if found.django == django:
                return found.cells.get(slug, NOT_RUN)
        raise KeyError(django)

    def by_django(self) -> dict[str, dict[str, str]]:
        """Return ``{django: {slug: cell}}``: the table's content."""
        return {c.django: {s: c.cells.get(s, NOT_RUN) for s in self.katas} for c in self.columns}


def build(entries: list[dict]) -> Table:
    """Build the table from one run's entries (as :func:`read_run` returns them)."""
    columns = [column(entry) for entry in entries]

    def order(c: Column):
        return tuple(int(n) for n in re.findall(r"\d+", c.django)) or (999,)

    columns.sort(key=order)
    katas: list[str] = []
    for found in columns:
        katas += [slug for slug in found.cells if slug not in katas]
    return Table(columns, katas)


def render(table: Table) -> str:
    """Return the table as text: one row per kata, one column per Django."""
    if not table.columns:
        return "No result from any mine-django env in this run: run `tox -m mine`."
    if not table.katas:  # no column judged: say why, Django by Django
        return "\n".join(
            ["Your katas could not be judged on any Django:"]
            + [f"Django {c.django}: {c.detail}" for c in table.columns]
        )
    heads = [["kata", ""]] + [[f"Django {c.django}", c.head] for c in table.columns]
    rows = [[slug, *(c.cells.get(slug, NOT_RUN) for c in table.columns)] for slug in table.katas]
    widths = [
        max(len(text) for text in [*heads[i], *(row[i] for row in rows)]) for i in range(len(heads))
    ]

    def line(cells):
        return "  ".join(t.ljust(w) for t, w in zip(cells, widths, strict=True)).rstrip()

    out = ["Your katas (the files you edit) on every supported Django", ""]
    out += [line([head[0] for head in heads]), line([head[1] for head in heads])]
    out.append(line(["-" * w for w in widths]))
    out += [line(row) for row in rows]
    out.append("")
    out += [f"Django {c.django}: {c.detail}" for c in table.columns]
    notes = {why: slug for c in table.columns for slug, why in c.unavailable.items()}
    out += [f"{slug} unavailable: {why}" for why, slug in notes.items()]
    return "\n".join(out)


def table(folder: Path) -> int:
    """Print the table of the run in ``folder``; remove other runs' folders left for an hour."""
    folder = Path(folder)
    print(render(build(read_run(folder))))
    for other in folder.parent.glob("*"):
        try:
            if other != folder and other.is_dir() and time.time() - other.stat().st_mtime > 3600:
                shutil.rmtree(other, ignore_errors=True)
        except OSError:
            pass
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["write"] and len(argv) in (2, 4) and argv[2:3] in ([], ["--store"]):
        return write(Path(argv[1]), Path(argv[3]) if len(argv) == 4 else None)
    if argv[:1] == ["table"] and len(argv) == 2:
        return table(Path(argv[1]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
