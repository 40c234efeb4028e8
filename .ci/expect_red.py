"""Check a --katas-report: every test failed by assertion, none errored, none passed or skipped.

    python .ci/expect_red.py REPORT [FRAGMENT ...]

Each FRAGMENT must appear in at least one failure message. Used where a red run is the
expected result: the learner view (the shipped katas) and a gallery mistake under a real
worker (tox's -postgres envs). Exits non-zero, saying why, otherwise.
"""

import sys

from katas.harness import report


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    run = report.read(argv[0])
    found = report.learner_view_problems(run)
    messages = [test.message for test in run.tests] if run else []
    found += [
        f"no failure message contains {fragment!r}"
        for fragment in argv[1:]
        if not any(fragment in message for message in messages)
    ]
    if found:
        print(f"{argv[0]}: expected every test to fail by assertion:", *found, sep="\n  ")
        return 1
    print(f"{argv[0]}: {len(run.tests)} tests, all failed by assertion as expected")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
