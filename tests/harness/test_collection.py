"""Plain `pytest` is the learner's: it collects kata tests only."""

import pytest

from katas.harness import catalogue, rules


@pytest.mark.parametrize("folder", ["harness", "services", "browser"])
def test_plain_pytest_skips_the_maintainers_tests_unless_named(katas_repo, folder):
    katas_repo.write(f"tests/{folder}/__init__.py", "")
    katas_repo.write(f"tests/{folder}/test_probe.py", "def test_probe():\n    pass\n")

    plain = katas_repo.run("--collect-only", "-q")
    named = katas_repo.run("--collect-only", "-q", f"tests/{folder}")

    assert "test_probe" not in plain.text
    assert "tests/profile_on_signup" in plain.text
    assert f"tests/{folder}/test_probe.py::test_probe" in named.text


def test_the_learner_view_fails_every_kata_test_and_errors_none(katas_repo):
    run = katas_repo.run()

    assert run.returncode == 1
    unavailable = {k.slug for k in catalogue.load() if k.unavailable_reason()}
    assert rules.learner_view_problems(run.run, unavailable) == [], run.text


def test_tests_run_in_course_order_then_task_order(katas_repo):
    first, second = catalogue.load()[:2]
    katas_repo.write(
        f"{first.tests}/test_order.py",
        "import pytest\n\n\n@pytest.mark.task(2)\ndef test_b():\n    pass\n\n\n"
        "@pytest.mark.task(1)\ndef test_a():\n    pass\n",
    )

    run = katas_repo.run(second.tests, first.tests)

    ran = [(t.kata, t.task) for t in run.tests() if t.kata in (first.slug, second.slug)]
    assert ran == sorted(ran, key=lambda kt: (kt[0] != first.slug, kt[1]))


def test_a_failure_says_where_to_look(katas_repo):
    kata = catalogue.load()[0]

    run = katas_repo.run(kata.tests, "--tb=short")

    task = kata.tasks[0]
    assert "Where to look" in run.text
    assert f"Task 1 of {len(kata.tasks)}: {task.title}" in run.text
    assert f"Edit: katas/{kata.slug}/{kata.files[0]}" in run.text
    assert f"Read: katas/{kata.slug}/README.md" in run.text
    assert f"Hint: python -m katas hint {kata.slug} 1" in run.text


def test_plain_pytest_is_brief_one_failure_in_full_and_a_line_per_kata(katas_repo):
    katas = catalogue.load()

    plain = katas_repo.run()
    everything = katas_repo.run("--tb=short")

    assert len(plain.text.splitlines()) < 40 + 3 * len(katas), plain.text
    assert plain.text.count("Where to look") == 1
    for kata in katas:
        assert f"{kata.number:>2} {kata.slug}" in plain.text
    assert "python -m katas" in plain.text
    assert everything.text.count("Where to look") == len(plain.tests())
    assert f"{len(plain.tests())} failed" in plain.text
