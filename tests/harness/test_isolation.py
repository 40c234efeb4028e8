"""One kata's broken code never breaks another kata, nor the session."""

from katas.harness import catalogue

KATA = "profile_on_signup"
LEARNER_FILE = f"katas/{KATA}/receivers.py"


def assert_only_kata_fails(run, message_part):
    assert run.tests(KATA), run.text
    assert run.outcomes(KATA) == {"failed"}, run.text
    assert all(message_part in t.message for t in run.tests(KATA)), run.tests(KATA)[0]
    others = run.others(KATA)
    assert others, "the copy should hold other tests too"
    assert {t.outcome for t in others} <= {"passed"}, [t for t in others if t.outcome != "passed"][
        :3
    ]
    assert run.run.collection_errors == []


def test_a_syntax_error_fails_only_that_kata(solved_repo):
    solved_repo.write(LEARNER_FILE, "def create_profile(:\n    pass\n")

    run = solved_repo.run()

    assert_only_kata_fails(run, "does not import")
    assert f"{LEARNER_FILE}:1" in run.text
    assert "SyntaxError" in run.text
    assert "importlib" not in run.tests(KATA)[0].message


def test_an_import_error_fails_only_that_kata(solved_repo):
    solved_repo.write(LEARNER_FILE, "import json\n\nfrom .models import Profle\n")

    run = solved_repo.run()

    assert_only_kata_fails(run, "does not import")
    assert f"{LEARNER_FILE}:3" in run.text
    assert "ImportError" in run.text


def test_a_learner_file_that_calls_exit_fails_only_that_kata(solved_repo):
    solved_repo.write(LEARNER_FILE, "import sys\n\nsys.exit(3)\n")

    run = solved_repo.run()

    assert_only_kata_fails(run, "does not import")
    assert f"{LEARNER_FILE}:3: the module calls exit(3) when imported" in run.text


def test_a_receiver_for_every_sender_that_raises_stays_in_its_kata(solved_repo):
    solved_repo.write(
        LEARNER_FILE,
        "from django.db.models.signals import post_save, pre_save\n"
        "from django.dispatch import receiver\n\n"
        "@receiver(post_save)\n"
        "@receiver(pre_save)\n"
        "def create_profile(sender, instance, **kwargs):\n"
        "    raise RuntimeError('a learner receiver that raises')\n",
    )

    run = solved_repo.run()

    assert run.outcomes(KATA) == {"failed"}, run.text
    assert {t.outcome for t in run.others(KATA)} == {"passed"}, run.text


def test_a_test_module_importing_broken_learner_code_fails_without_stopping_collection(
    solved_repo,
):
    solved_repo.write(LEARNER_FILE, "def broken(:\n")
    solved_repo.write(
        f"tests/{KATA}/test_imports_at_top.py",
        f"from katas.{KATA}.receivers import create_profile\n\n"
        "def test_uses_it():\n    assert create_profile\n",
    )

    run = solved_repo.run()

    assert run.run.collection_errors == []
    top = [t for t in run.tests(KATA) if "test_imports_at_top" in t.nodeid]
    assert [t.outcome for t in top] == ["failed"], run.text
    assert "does not import" in top[0].message
    assert {t.outcome for t in run.others(KATA)} == {"passed"}


def test_solutions_mode_never_imports_the_learner_files(katas_repo):
    for kata in catalogue.load():
        for name in kata.files:
            katas_repo.write(f"katas/{kata.slug}/{name}", "raise SystemExit('learner file ran')\n")

    run = katas_repo.run("--solutions")

    assert run.tests()
    assert run.outcomes() == {"passed"}, run.text
    assert run.run.target == "solutions"


def test_a_solution_module_keeps_its_kata_name_and_real_file(katas_repo):
    katas_repo.write(
        "tests/profile_on_signup/test_identity.py",
        "import katas.profile_on_signup.receivers as receivers\n\n"
        "def test_identity():\n"
        "    assert receivers.__name__ == 'katas.profile_on_signup.receivers'\n"
        "    assert receivers.__file__.endswith('solutions/profile_on_signup/receivers.py')\n"
        "    assert receivers.create_profile.__module__ == receivers.__name__\n",
    )

    run = katas_repo.run("--solutions", "tests/profile_on_signup/test_identity.py")

    assert run.returncode == 0, run.text
    assert run.outcomes() == {"passed"}


def test_a_traceback_names_the_solution_file_that_ran(katas_repo):
    path = katas_repo.path / "solutions/profile_on_signup/receivers.py"
    path.write_text(
        path.read_text().replace("    Profile.objects.create(user=instance)", "    1 / 0")
    )

    run = katas_repo.run("--solutions", "tests/profile_on_signup", "-k", "create_user")

    assert "solutions/profile_on_signup/receivers.py" in run.text
    assert "ZeroDivisionError" in run.text
