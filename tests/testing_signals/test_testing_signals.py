"""The learner writes the tests: they must pass on the shop as given, and catch each broken shop.

Each test here runs the learner's tests (katas/testing_signals/test_signals.py) in a
checker child: once against the shop as given, where every one of them must pass, and
once against each broken version in katas/testing_signals/broken/, where at least one
must fail. A learner's test belongs to the task of its @pytest.mark.task(N).
"""

from dataclasses import dataclass

import pytest

from katas.harness import catalogue, report
from katas.harness.nested import broken_versions

LEARNER_FILE = "katas/testing_signals/test_signals.py"
SHOWN = 6  # how many of the learner's tests a message lists


@dataclass(frozen=True)
class Broken:
    """A broken version of the shop: its folder, its task, what is wrong, what notices it."""

    name: str
    task: int
    what: str
    notice: str


WHAT_EACH_TASK_TESTS = {
    1: "place_order() sends order_placed exactly once, with sender=Order and the order it "
    "saved (connect a receiver of your own in the test, or patch the signal's send)",
    2: "the customer's confirmation goes out when order_placed is sent with sender=Order, "
    "the way any code may send it, from a test that never imports receivers.py",
    3: "no email leaves before the order's transaction commits, and the confirmation leaves "
    "once it does (django_capture_on_commit_callbacks, then run the callbacks)",
    4: "orders built with OrderFactory email nobody, even once their transaction commits, and "
    "an order placed after them still reaches the warehouse",
}

BROKEN = (
    Broken(
        "sends_twice",
        1,
        "a place_order() that sends order_placed twice, inside its transaction and again after it",
        "counts the sends while one order is placed, and expects exactly one",
    ),
    Broken(
        "wrong_sender",
        1,
        "a place_order() that sends order_placed with the order itself as its sender, not the "
        "Order class (the shop's confirmation does not filter on the sender, so its email "
        "still goes; a receiver connected with sender=Order would never run)",
        "looks at the sender of the one send and expects the Order class",
    ),
    Broken(
        "never_connected",
        2,
        "a receivers.py whose confirmation receiver is never connected at startup (it is "
        "connected in a function that nothing calls)",
        "sends order_placed itself, without importing receivers.py or connecting anything, "
        "and expects the customer's confirmation after the commit",
    ),
    Broken(
        "string_sender",
        2,
        'a confirmation receiver connected for the sender "testing_signals.Order", a string '
        "that only model signals resolve: it is connected (order_placed.receivers lists it), "
        "yet no send(sender=Order) ever reaches it",
        "sends order_placed with sender=Order and expects the customer's confirmation (a look "
        "at order_placed.receivers cannot tell)",
    ),
    Broken(
        "email_before_commit",
        3,
        "a confirmation receiver that emails at once, before the order's transaction commits",
        "captures the on_commit callbacks (django_capture_on_commit_callbacks without "
        "execute=True) and expects no email before it runs them",
    ),
    Broken(
        "factory_not_muted",
        4,
        "an OrderFactory without mute_signals(post_save): every order a test builds emails "
        "the warehouse once its transaction commits",
        "builds orders with the factory, runs the on_commit callbacks (the warehouse email "
        "waits for the commit too) and expects no email",
    ),
    Broken(
        "factory_mutes_forever",
        4,
        "a factories.py that disconnects the warehouse receiver as it is imported: from then "
        "on no real order reaches the warehouse either",
        "places an order after the factory was imported (and used), runs the on_commit "
        "callbacks and expects the warehouse email",
    ),
)

_folders = broken_versions(catalogue.by_slug()["testing_signals"])
assert sorted(b.name for b in BROKEN) == _folders, (
    f"katas/testing_signals/broken/ holds {_folders}; describe each one in BROKEN, and only those"
)


def listed(tests) -> str:
    names = [t.name for t in tests]
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    return ", ".join(names[:SHOWN]) + more


def judged(run: report.Run, against: str) -> report.Run:
    """Return ``run`` if it judged the learner's tests; fail, saying why, if it could not."""
    if run.collection_errors:
        pytest.fail(
            f"pytest could not collect your tests against {against}: does "
            f"{LEARNER_FILE} import?\n{run.collection_errors[0][-1500:]}",
            pytrace=False,
        )
    if run.exitstatus == 5 or (run.exitstatus == 0 and not run.tests):  # no tests collected
        return run
    if not run.tests:
        pytest.fail(
            f"Your tests could not run against {against} (pytest exited {run.exitstatus}). "
            f"What it printed last:\n{run.output[-1500:] or '(nothing)'}",
            pytrace=False,
        )
    return run


def story(learner_runs) -> report.Run:
    return judged(learner_runs.run(), "the shop as given")


def expect_tests_for(run: report.Run, task: int) -> None:
    if not [t for t in run.tests if t.task == task]:
        others = [t for t in run.tests if t.task is None]
        untagged = (
            f" ({listed(others)} carry no @pytest.mark.task(N), so they count for no task.)"
            if others
            else ""
        )
        pytest.fail(
            f"No tests for task {task} yet. Write one in {LEARNER_FILE}, marked "
            f"@pytest.mark.task({task}), that checks that {WHAT_EACH_TASK_TESTS[task]}.{untagged}",
            pytrace=False,
        )


def expect_all_pass(run: report.Run, needed_by: str = "") -> None:
    failing = [t for t in run.tests if t.outcome != report.PASSED]
    if not failing:
        return
    details = "\n".join(
        f"- {t.name} {t.outcome}: {t.message.strip()[:400] or '(no message)'}"
        for t in failing[:SHOWN]
    )
    pytest.fail(
        f"{needed_by}{len(failing)} of your {len(run.tests)} tests do not pass against the shop "
        "as given, which works as its README says. A test that fails there would fail against "
        f"every broken version too, and so tells nothing: fix the test.\n{details}",
        pytrace=False,
    )


@pytest.mark.task(1)
def test_your_tests_pass_against_the_shop_as_given(learner_runs):
    run = story(learner_runs)
    expect_tests_for(run, 1)

    expect_all_pass(run)


@pytest.mark.parametrize(
    "broken", [pytest.param(b, id=b.name, marks=pytest.mark.task(b.task)) for b in BROKEN]
)
def test_your_tests_catch_a_broken_shop(learner_runs, broken):
    run = story(learner_runs)
    expect_tests_for(run, broken.task)
    expect_all_pass(run, needed_by="This test needs your tests to pass against the shop first: ")

    against = judged(learner_runs.run(broken.name), f"the broken version {broken.name}")

    caught = [t for t in against.tests if t.outcome in (report.FAILED, report.ERROR)]
    assert caught, (
        f"No test of yours notices {broken.what}. Against that version all {len(against.tests)} "
        f"of your tests passed ({listed(against.tests)}). Write a test for task {broken.task} "
        f"that {broken.notice}. (The version is katas/testing_signals/broken/{broken.name}/.)"
    )
