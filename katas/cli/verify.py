"""`python -m katas verify`: the maintainers' check of every kata.

For each kata in the catalogue: every test fails on the shipped kata, by an
assertion (an import, collection or fixture error teaches nothing); every test
passes on the reference solution; every task has tests; and the catalogue
matches the files. Both targets run at once, in two pytest processes.
"""

from __future__ import annotations

from katas.harness import catalogue, consistency, runner

TEACHING_FAILURES = {"AssertionError", "Failed"}


def add_arguments(parser):
    parser.add_argument(
        "slugs", nargs="*", metavar="KATA", help="check only these katas (default: all)"
    )


def kata_problems(kata, shipped: runner.Run, solved: runner.Run) -> list[str]:
    """Return what is wrong with one kata's two runs."""
    found = []
    red, green = shipped.tests_of(kata.slug), solved.tests_of(kata.slug)
    if not red:
        found.append("no tests ran")
    for test in red:
        name = test["nodeid"].split("::", 1)[-1]
        if test["outcome"] == "passed":
            found.append(f"{name} already passes on the shipped kata")
        elif test["outcome"] != "failed" or test["exception"] not in TEACHING_FAILURES:
            found.append(
                f"{name} fails on the shipped kata with {test['exception'] or test['outcome']} "
                f"in {test['when']}, not with an assertion: {test['message'][:200]}"
            )
        if test["task"] is None:
            found.append(f"{name} has no @pytest.mark.task(N)")
        elif test["task"] not in {t.number for t in kata.tasks}:
            found.append(f"{name} is tagged task {test['task']}, which the catalogue lacks")
    for test in green:
        if test["outcome"] != "passed":
            name = test["nodeid"].split("::", 1)[-1]
            found.append(f"{name} {test['outcome']} on the solution: {test['message'][:200]}")
    if {t["nodeid"] for t in red} != {t["nodeid"] for t in green}:
        found.append("the two targets collected different tests")
    tagged = {t["task"] for t in red}
    for task in kata.tasks:
        if task.number not in tagged:
            found.append(f"task {task.number} ({task.title}) has no test")
    for run in (shipped, solved):
        if kata.slug in run.report.get("broken", {}):
            broken = run.report["broken"][kata.slug]
            found.append(f"{run.target}: {broken['location']} does not import: {broken['error']}")
    return found


def run(args) -> int:
    katas = catalogue.load()
    if args.slugs:
        known = catalogue.by_slug()
        unknown = [s for s in args.slugs if s not in known]
        if unknown:
            print(f"verify: no kata {', '.join(map(repr, unknown))} in the catalogue")
            return 2
        katas = tuple(known[s] for s in args.slugs)
    problems = {"catalogue": consistency.problems(catalogue.load())}
    # --tb=no: verify reads messages from the report; formatting tracebacks is slow.
    shipped, solved = runner.run_both([kata.tests for kata in katas], extra=["--tb=no"])
    for run_ in (shipped, solved):
        for error in run_.report.get("collection_errors", []):
            problems["catalogue"].append(
                f"{run_.target}: could not collect {error['nodeid']}: {error['message'][-300:]}"
            )
        if not run_.report:
            problems["catalogue"].append(
                f"{run_.target}: pytest wrote no report (exit {run_.returncode}):\n"
                + run_.output[-1500:]
            )

    width = max(len(k.slug) for k in katas)
    print(f"{'#':>2}  {'kata':<{width}}  tests  shipped  solution  verdict")
    failed = bool(problems["catalogue"])
    for kata in katas:
        found = kata_problems(kata, shipped, solved)
        red = shipped.tests_of(kata.slug)
        green = solved.tests_of(kata.slug)
        n_red = sum(t["outcome"] == "failed" for t in red)
        n_green = sum(t["outcome"] == "passed" for t in green)
        verdict = "ok" if not found else f"{len(found)} problem(s)"
        print(
            f"{kata.number:>2}  {kata.slug:<{width}}  {len(red):>5}  "
            f"{n_red:>3} red  {n_green:>4} green  {verdict}"
        )
        problems[kata.slug] = found
        failed = failed or bool(found)
    for where, found in problems.items():
        for problem in found:
            print(f"  {where}: {problem}")
    print("verify: " + ("FAILED" if failed else f"all {len(katas)} katas are sound"))
    return 1 if failed else 0
