"""The learner writes the tests: they must pass on the shop as given, and catch each broken shop.

Each test here runs the learner's tests (katas/testing_signals/test_signals.py) in a
checker child (tests/learner_tests.py): once against the shop as given, where every
one of them must pass, and once against each broken version in
katas/testing_signals/broken/, where at least one must fail. A learner's test belongs
to the task of its @pytest.mark.task(N).
"""

import pytest

from tests.learner_tests import (
    Broken,
    against,
    caught,
    described,
    expect_all_pass,
    expect_tests_for,
    listed,
    params,
    story,
)

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

BROKEN = described(
    "testing_signals",
    (
        Broken(
            "sends_twice",
            1,
            "a place_order() that sends order_placed twice, inside its transaction and again "
            "after it",
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
            "ready_forgets_receivers",
            2,
            "an apps.py whose ready() no longer imports receivers.py (a linter's autofix "
            "removed the 'unused' import), so no receiver of the shop is connected at startup, "
            "only where some module imports receivers.py: a test that imports it connects the "
            "receivers itself, and hides the bug",
            "sends order_placed without importing receivers.py anywhere in your test module, "
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
    ),
)


@pytest.mark.task(1)
def test_your_tests_pass_against_the_shop_as_given(learner_runs):
    run = story(learner_runs)
    expect_tests_for(learner_runs, run, 1, WHAT_EACH_TASK_TESTS[1])

    expect_all_pass(learner_runs, run)


@pytest.mark.parametrize("broken", params(BROKEN))
def test_your_tests_catch_a_broken_shop(learner_runs, broken):
    run = story(learner_runs)
    expect_tests_for(learner_runs, run, broken.task, WHAT_EACH_TASK_TESTS[broken.task])
    expect_all_pass(
        learner_runs, run, "This test needs your tests to pass against the shop first: "
    )

    run = against(learner_runs, broken)

    if not caught(run):
        pytest.fail(
            f"No test of yours notices {broken.what}. Against that version all "
            f"{len(run.tests)} of your tests passed ({listed(run.tests)}). Write a test for task "
            f"{broken.task} that {broken.notice}. (The version is "
            f"katas/testing_signals/broken/{broken.name}/.)",
            pytrace=False,
        )
