"""Plain `pytest` is the learner's: it collects kata tests only."""

import pytest


@pytest.mark.parametrize("folder", ["harness", "services"])
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

    assert run.result.ret == 1
    assert run.outcomes() == {"failed"}, run.text
    assert run.report["collection_errors"] == []
    assert {t["exception"] for t in run.tests()} <= {"AssertionError", "Failed"}
