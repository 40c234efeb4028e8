"""`python -m katas dojo`, run end to end on a throw-away copy of the repository."""

import subprocess
import sys

from django.test import RequestFactory

from katas.dojo import model
from katas.dojo.rotation import Rotation
from katas.dojo.session import Session
from katas.dojo.web import views
from katas.harness import catalogue

FIRST = catalogue.load()[0]


def test_a_short_dojo_shows_the_kata_rotates_and_saves_its_retrospective(katas_repo):
    done = subprocess.run(
        [sys.executable, "-m", "katas", "dojo", "1", "--turn", "0.02", "--turns", "2"]
        + ["--people", "Ana,Ben,Caro", "--retro", "retro.md"],
        cwd=katas_repo.path,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,  # no terminal: the turns start by themselves
    )

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert FIRST.tasks[0].title in done.stdout
    assert "Turn 1: Ana drives, Caro navigates" in done.stdout
    assert "Rotate! Turn 2" in done.stdout
    assert "Ben drives, Ana navigates" in done.stdout
    assert "Retrospective" in done.stdout
    saved = (katas_repo.path / "retro.md").read_text()
    assert "| 2 | Ben | Ana |" in saved


def test_the_page_is_driven_only_by_its_own_posts():
    session = Session(
        FIRST,
        model.Dojo(Rotation(["Ana", "Ben"]), 300),
        checker=lambda kata: None,
    )
    views.bind(session)
    factory = RequestFactory()

    assert views.act(factory.get("/act/start"), "start").status_code == 403
    assert views.act(factory.post("/act/start"), "start").status_code == 403  # another site
    assert session.dojo.phase == model.WAITING
    response = views.act(factory.post("/act/start", headers={"X-Dojo": "1"}), "start")
    assert response.status_code == 200
    assert session.dojo.phase == model.RUNNING


def test_the_page_shows_the_readme_with_its_diagram_for_mermaid():
    html = views.readme(RequestFactory().get("/"), FIRST.slug).content.decode()

    assert f"<h1>{FIRST.title}</h1>" in html
    assert '<pre class="mermaid">sequenceDiagram' in html
