"""Plain `pytest` is the learner's: it collects kata tests only."""


def test_plain_pytest_skips_the_harness_tests_unless_named(katas_repo):
    katas_repo.write("tests/harness/__init__.py", "")
    katas_repo.write("tests/harness/test_probe.py", "def test_probe():\n    pass\n")

    plain = katas_repo.run("--collect-only", "-q")
    named = katas_repo.run("--collect-only", "-q", "tests/harness")

    assert "test_probe" not in plain.text
    assert "tests/profile_on_signup" in plain.text
    assert "tests/harness/test_probe.py::test_probe" in named.text


def test_the_learner_view_fails_every_kata_test_and_errors_none(katas_repo):
    run = katas_repo.run()

    assert run.result.ret == 1
    assert run.outcomes() == {"failed"}, run.text
    assert run.run.collection_errors == []
    assert {t.exception for t in run.tests()} <= {"AssertionError", "Failed"}
