"""Two audiences, one working tree: a learner's work never turns a maintainers' check red.

The maintainers' checks (verify, the course's rules, the learner view, lint) judge the
course as shipped, never the learner files. A learner who solved every kata, or broke
several, runs them and they are green; their files are untouched, and no message
tells them to run `katas.harness.ship` (which would overwrite what `reset` restores).
"""

from __future__ import annotations

import hashlib
import shutil

import pytest

from katas.harness import catalogue

ROOT = catalogue.ROOT


def learner_files(repo) -> dict[str, str]:
    """Each learner file of the copy, by path, with a digest of its bytes."""
    return {
        f"katas/{kata.slug}/{name}": hashlib.sha256(
            (repo.path / "katas" / kata.slug / name).read_bytes()
        ).hexdigest()
        for kata in catalogue.load()
        for name in kata.files
    }


def break_three(repo) -> None:
    """A SyntaxError, an exit() and a receiver that raises, in three katas."""
    katas = catalogue.load()
    repo.write(f"katas/{katas[0].slug}/{katas[0].files[0]}", "def greet(:\n")
    repo.write(f"katas/{katas[1].slug}/{katas[1].files[0]}", "exit(3)\n")
    repo.write(
        f"katas/{katas[2].slug}/{katas[2].files[0]}",
        "from django.db.models.signals import pre_save\nfrom django.dispatch import receiver\n\n\n"
        "@receiver(pre_save)\ndef explode(sender, **kwargs):\n    raise RuntimeError('mine')\n",
    )


@pytest.fixture(params=["solved", "broken"])
def learners_repo(request, katas_repo):
    """A copy where a learner solved every kata (or broke three), with the maintainers' files."""
    for name in (".ci", "docs", "README.md", "CONTRIBUTING.md", "tox.ini", "benchmarks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, katas_repo.path / name, ignore=shutil.ignore_patterns("node_modules")
            )
        elif source.is_file():
            shutil.copy(source, katas_repo.path / name)
    katas_repo.broken = request.param == "broken"
    if katas_repo.broken:
        break_three(katas_repo)
    else:
        katas_repo.solve()
    return katas_repo


def test_the_maintainers_checks_judge_the_course_not_the_learners_work(learners_repo):
    before = learner_files(learners_repo)

    # The solved copy: verify of every kata; the broken one, of the three broken katas.
    broken = [k.slug for k in catalogue.load()[:3]] if learners_repo.broken else []
    verify = learners_repo.katas("verify", *broken, timeout=900)
    view = learners_repo.python(
        "import runpy; runpy.run_module('katas.harness.learner_view', run_name='__main__')",
        timeout=600,
    )
    lint = learners_repo.python(
        "import runpy; runpy.run_module('katas.harness.lint', run_name='__main__')", timeout=300
    )

    assert verify.returncode == 0, verify.stdout[-3000:] + verify.stderr[-2000:]
    assert view.returncode == 0, view.stdout[-3000:] + view.stderr[-2000:]
    assert lint.returncode == 0, lint.stdout[-3000:] + lint.stderr[-2000:]
    for done in (verify, view, lint):
        assert "katas.harness.ship" not in done.stdout + done.stderr
    assert learner_files(learners_repo) == before
    # And reset still restores the exercise as shipped.
    first = catalogue.load()[0]
    reset = learners_repo.katas("reset", first.slug, "--yes")
    assert reset.returncode == 0, reset.stdout + reset.stderr
    restored = learners_repo.read(f"katas/{first.slug}/{first.files[0]}")
    assert restored == first.shipped_paths()[0].read_text(encoding="utf-8")
