"""`python -m katas verify [KATA...]`: the maintainers' check of every kata.

For each kata of the catalogue: the kata keeps the course's rules
(:mod:`katas.harness.rules`); every test fails on the kata as shipped, by an
assertion (an import, collection or fixture error teaches nothing); every test
passes on the reference solution; every task has tests; each mistake of its gallery
fails, by an assertion, showing its expected message; and each alternative passes.

The kata as shipped is its shipped copies (``katas/harness/shipped/``), never the
learner files in ``katas/``: a learner who has solved or broken katas runs verify and
it judges the course, not their work. Each kata and target is judged in a checker
child of its own, two at a time.
"""

from __future__ import annotations

import sys

from katas.cli import lookup
from katas.harness import catalogue, databases, report, rules, targets
from katas.harness.checker import Checker


def add_arguments(parser):
    parser.add_argument(
        "katas",
        nargs="*",
        metavar="KATA",
        help="check only these katas: slugs, unique prefixes or numbers (default: all)",
    )


def _not_teaching(test: report.TestResult) -> bool:
    return test.outcome != report.FAILED or not rules.fails_by_assertion(test.exception)


def kata_problems(kata, shipped: report.Run, solved: report.Run) -> list[str]:
    """Return what is wrong with one kata's shipped and solution runs."""
    found = []
    red, green = shipped.tests_of(kata.slug), solved.tests_of(kata.slug)
    if not red:
        found.append("no tests ran")
    for test in red:
        if test.outcome == report.PASSED:
            found.append(f"{test.name} already passes on the shipped kata")
        elif _not_teaching(test):
            found.append(
                f"{test.name} fails on the shipped kata with {test.exception or test.outcome} "
                f"in {test.when}, not with an assertion: {test.message[:200]}"
            )
        if test.task is None:
            found.append(f"{test.name} has no @pytest.mark.task(N)")
        elif test.task not in {t.number for t in kata.tasks}:
            found.append(f"{test.name} is tagged task {test.task}, which the catalogue lacks")
    for test in green:
        if test.outcome != report.PASSED:
            found.append(f"{test.name} {test.outcome} on the solution: {test.message[:200]}")
    if {t.nodeid for t in red} != {t.nodeid for t in green}:
        found.append("the two targets collected different tests")
    tagged = {t.task for t in red}
    for task in kata.tasks:
        if task.number not in tagged:
            found.append(f"task {task.number} ({task.title}) has no test")
    for run in (shipped, solved):
        if kata.slug in run.broken:
            found.append(f"{run.target}: does not import: {run.broken[kata.slug].describe()}")
    return found


def entry_problems(kata, kind: str, entry, run: report.Run) -> list[str]:
    """Return what is wrong with one gallery entry's run: a mistake passes, an alternative fails."""
    name = f"{kind}/{entry.name}"
    tests = run.tests_of(kata.slug)
    if not run.judged(kata.slug):
        return [f"{name}: the run judged nothing (exit {run.exitstatus}): {run.output[-300:]}"]
    if kata.slug in run.broken:
        return [f"{name}: does not import: {run.broken[kata.slug].describe()}"]
    if kind == "alternatives":
        return [
            f"{name} is correct but {t.name} {t.outcome}: {t.message[:200]}"
            for t in tests
            if t.outcome != report.PASSED
        ]
    failing = [t for t in tests if t.outcome != report.PASSED]
    if not failing:
        return [f"{name} passes every test: the tests miss this mistake"]
    found = [
        f"{name}: {t.name} fails with {t.exception or t.outcome} in {t.when}, not with an "
        f"assertion: {t.message[:200]}"
        for t in failing
        if _not_teaching(t)
    ]
    expected = (rules.describe_entry(kata, entry) or {}).get("expected", "")
    # The learner sees the first failure first: it must be the one that names the mistake.
    if expected and expected not in failing[0].message:
        shown = "a later one does" if any(expected in t.message for t in failing) else "none does"
        found.append(
            f"{name}: the first failure ({failing[0].name}) does not show {expected!r} "
            f"({shown}); it says: {failing[0].message[:200]}"
        )
    return found


def run(args) -> int:
    katas = tuple(dict.fromkeys(lookup.find(text) for text in args.katas)) or catalogue.load()
    problems = {"catalogue": rules.problems(katas)}
    unavailable = {kata.slug: kata.unavailable_reason() for kata in katas}
    katas = tuple(kata for kata in katas if not unavailable[kata.slug])
    for slug, reason in unavailable.items():
        if reason:
            print(f"verify: {slug} is not checked here: it {reason}")
    if not katas:
        return 0 if not problems["catalogue"] else 1
    entries = [(kata, kind, entry) for kata in katas for kind, entry in rules.gallery(kata)]
    jobs = [
        (kata.slug, target) for target in (targets.SHIPPED, targets.SOLUTIONS) for kata in katas
    ]
    jobs += [
        (kata.slug, entry.relative_to(catalogue.ROOT).as_posix()) for kata, _, entry in entries
    ]
    # On a database server a child waits on it as much as it computes: one more at a time.
    with Checker(parallel=3 if databases.on_a_server() else 2) as checker:
        runs = checker.run_many(jobs)
    shipped_runs = dict(zip([k.slug for k in katas], runs[: len(katas)], strict=True))
    solved_runs = dict(zip([k.slug for k in katas], runs[len(katas) : 2 * len(katas)], strict=True))
    gallery_runs = runs[2 * len(katas) :]
    for run_ in runs[: 2 * len(katas)]:
        for error in run_.collection_errors:
            problems["catalogue"].append(f"{run_.target}: could not collect {error[-300:]}")
        if not run_.finished and not run_.collection_errors:
            problems["catalogue"].append(
                f"{run_.target}: pytest did not finish (exit {run_.exitstatus}):\n"
                + run_.output[-1500:]
            )

    width = max(len(k.slug) for k in katas)
    print(f"{'#':>2}  {'kata':<{width}}  tests  shipped  solution  gallery        verdict")
    for kata in katas:
        shipped, solved = shipped_runs[kata.slug], solved_runs[kata.slug]
        found = kata_problems(kata, shipped, solved)
        mine = [
            (kind, e, r) for (k, kind, e), r in zip(entries, gallery_runs, strict=True) if k is kata
        ]
        for kind, entry, entry_run in mine:
            found += entry_problems(kata, kind, entry, entry_run)
        red, green = shipped.tests_of(kata.slug), solved.tests_of(kata.slug)
        n_red = sum(t.outcome == report.FAILED for t in red)
        n_green = sum(t.outcome == report.PASSED for t in green)
        n_mistakes = sum(kind == "mistakes" for kind, _, _ in mine)
        gallery = f"{n_mistakes} mis, {len(mine) - n_mistakes} alt"
        verdict = "ok" if not found else f"{len(found)} problem(s)"
        print(
            f"{kata.number:>2}  {kata.slug:<{width}}  {len(red):>5}  "
            f"{n_red:>3} red  {n_green:>4} green  {gallery:<13}  {verdict}"
        )
        problems[kata.slug] = found
    failed = any(problems.values())
    for where, found in problems.items():
        for problem in found:
            print(f"  {where}: {problem}")
    if failed:
        print("verify: FAILED", file=sys.stderr)
        return 1
    print(f"verify: all {len(katas)} katas are sound ({len(entries)} gallery entries judged right)")
    return 0
