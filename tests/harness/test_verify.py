"""`python -m katas verify` refuses a kata that passes as shipped or a solution that fails."""

from katas.harness import catalogue

KATA = "profile_on_signup"


def verify(repo, *args):
    return repo.katas("verify", *args)


def test_verify_passes_on_the_repository_as_shipped(katas_repo):
    done = verify(katas_repo, KATA)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok" in done.stdout


def test_verify_judges_the_shipped_kata_not_the_learners_files(katas_repo):
    katas_repo.solve(KATA)  # a learner who solved it
    katas_repo.write(f"katas/{catalogue.load()[0].slug}/receivers.py", "def oops(:\n")

    done = verify(katas_repo, KATA, catalogue.load()[0].slug)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "katas.harness.ship" not in done.stdout + done.stderr


def test_verify_refuses_a_kata_that_already_passes(katas_repo):
    # A maintainer shipped the solution as the learner's starting file.
    solution = katas_repo.read(f"solutions/{KATA}/receivers.py")
    katas_repo.write(f"katas/harness/shipped/{KATA}/receivers.py.shipped", solution)

    done = verify(katas_repo, KATA)

    assert done.returncode == 1
    assert "already passes on the shipped kata" in done.stdout


def test_verify_refuses_a_failing_solution(katas_repo):
    katas_repo.write(f"solutions/{KATA}/receivers.py", "# forgot everything\n")

    done = verify(katas_repo, KATA)

    assert done.returncode == 1
    assert "failed on the solution" in done.stdout


def test_verify_refuses_a_test_that_fails_without_an_assertion(katas_repo):
    katas_repo.write(
        f"tests/{KATA}/test_crash.py",
        "import pytest\n\n@pytest.mark.task(1)\ndef test_crash():\n    {}['missing']\n",
    )

    done = verify(katas_repo, KATA)

    assert done.returncode == 1
    assert "test_crash fails on the shipped kata with KeyError" in done.stdout


def test_verify_names_an_unknown_kata(katas_repo):
    done = verify(katas_repo, "no_such_kata")

    assert done.returncode == 2
    assert "no kata 'no_such_kata'" in done.stderr
