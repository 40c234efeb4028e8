"""The catalogue is the single source of truth, and the repository agrees with it."""

import re

import pytest
from django.core.management import call_command

from katas.harness import catalogue, rules

README = catalogue.ROOT / "README.md"


def test_the_repository_matches_the_catalogue():
    assert rules.problems() == []


def test_every_kata_is_an_installed_app():
    from django.conf import settings

    for kata in catalogue.load():
        assert kata.module in settings.INSTALLED_APPS


def test_every_kata_readme_numbers_its_catalogue_tasks():
    for kata in catalogue.load():
        text = kata.readme.read_text(encoding="utf-8")
        numbered = re.findall(r"^(\d+)\. ", text.split("## Tasks", 1)[-1], flags=re.MULTILINE)
        assert "## Tasks" in text, f"{kata.readme} has no '## Tasks' section"
        assert [int(n) for n in numbered[: len(kata.tasks)]] == [t.number for t in kata.tasks], (
            f"{kata.readme} should number {len(kata.tasks)} tasks like the catalogue"
        )
        assert "```mermaid" in text, f"{kata.readme} has no sequence diagram"


def test_the_readme_kata_table_follows_the_catalogue():
    rows = re.findall(r"^\| (\d+) \| `([a-z_]+)` \| (.+?) \|", README.read_text(), re.MULTILINE)
    assert [(int(n), slug) for n, slug, _ in rows] == [
        (kata.number, kata.slug) for kata in catalogue.load()
    ], "README.md's kata table must list the catalogue's katas in course order"
    assert [title.strip() for _, _, title in rows] == [kata.title for kata in catalogue.load()]


@pytest.mark.django_db
def test_every_kata_ships_its_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize(
    ("toml", "complaint"),
    [
        ('[[kata]]\nslug = "a"\ntitle = "A"\nfiles = ["r.py"]\ntests = "t"\n', "'task'"),
        (
            '[[kata]]\nslug = "a"\ntitle = "A"\nfiles = ["r.py"]\ntests = "t"\n'
            '[[kata.task]]\ntitle = "T"\nhints = ["  "]\n',
            "empty hint",
        ),
        (
            '[[kata]]\nslug = "a"\ntitle = "A"\nfiles = []\ntests = "t"\n'
            '[[kata.task]]\ntitle = "T"\nhints = ["Why?"]\n',
            "'files'",
        ),
    ],
)
def test_a_malformed_catalogue_is_refused(toml, complaint):
    with pytest.raises(catalogue.CatalogueError, match=complaint):
        catalogue.parse(toml)


def test_the_rules_name_missing_twins_and_stray_katas_on_the_shipped_kata(tmp_path, monkeypatch):
    kata_dir = tmp_path / "katas" / "demo"
    kata_dir.mkdir(parents=True)
    for name in ("__init__.py", "apps.py", "models.py", "README.md"):
        (kata_dir / name).write_text("")
    (kata_dir / "receivers.py").write_text("# TODO (task 1): the learner's copy is not judged\n")
    shipped = tmp_path / "katas" / "harness" / "shipped" / "demo"
    shipped.mkdir(parents=True)
    (shipped / "receivers.py.shipped").write_text("# nothing to do\n")
    (tmp_path / "katas" / "stray").mkdir()
    (tmp_path / "solutions" / "demo").mkdir(parents=True)
    (tmp_path / "solutions" / "demo" / "extra.py").write_text("")
    (tmp_path / "tests" / "demo").mkdir(parents=True)
    monkeypatch.setattr(catalogue, "ROOT", tmp_path)
    monkeypatch.setattr(catalogue, "KATAS_DIR", tmp_path / "katas")
    monkeypatch.setattr(catalogue, "SOLUTIONS_DIR", tmp_path / "solutions")
    demo = catalogue.parse(
        '[[kata]]\nslug = "demo"\ntitle = "Demo"\nfiles = ["receivers.py"]\n'
        'tests = "tests/demo"\n[[kata.task]]\ntitle = "T"\nhints = ["Why?"]\n'
    )

    found = "\n".join(rules.problems(demo))

    assert "shipped file katas/harness/shipped/demo/receivers.py.shipped holds no TODO" in found
    assert "has no solution twin solutions/demo/receivers.py" in found
    assert "solutions/demo/extra.py is not a learner file" in found
    assert "katas/stray/ is not in the catalogue" in found
