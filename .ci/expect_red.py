"""Check a --katas-report: every test failed by assertion, none errored, none passed or skipped.

    python .ci/expect_red.py REPORT [FRAGMENT ...]

Each FRAGMENT must appear in at least one failure message. Used where a red run is the
expected result: the learner view (the shipped katas) and a gallery mistake under a real
worker (tox's -postgres envs). Exits non-zero, saying why, otherwise.
"""

import json
import sys


def problems(report: dict, fragments: list[str]) -> list[str]:
    found = []
    if not report.get("tests"):
        found.append("no test ran")
    if report.get("collection_errors"):
        found.append(f"collection errors: {report['collection_errors'][:2]}")
    if report.get("exitstatus") != 1:
        found.append(f"pytest exited {report.get('exitstatus')}, expected 1 (tests failed)")
    for test in report.get("tests", []):
        if test["outcome"] != "failed":
            found.append(f"{test['nodeid']}: {test['outcome']} ({test['message'][:200]})")
    messages = [test["message"] for test in report.get("tests", [])]
    for fragment in fragments:
        if not any(fragment in message for message in messages):
            found.append(f"no failure message contains {fragment!r}")
    return found


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as file:
        report = json.load(file)
    found = problems(report, argv[1:])
    if found:
        print(f"{argv[0]}: expected every test to fail by assertion:", *found, sep="\n  ")
        return 1
    print(f"{argv[0]}: {len(report['tests'])} tests, all failed as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
