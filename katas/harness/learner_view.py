"""`python -m katas.harness.learner_view`: a learner's first `pytest`, checked.

Runs plain pytest on the katas as shipped (``--katas-target=shipped``: the shipped
copies, never the learner files in ``katas/``) and checks what a learner who has just
cloned the course would see: every kata test fails, by an assertion, none errors
(a kata this Django cannot run is skipped instead). With ``--report PATH``, checks a
report written elsewhere instead, and each FRAGMENT must appear in a failure message
(a gallery mistake under a real worker, in tox's -postgres envs).

    python -m katas.harness.learner_view
    python -m katas.harness.learner_view --report PATH [FRAGMENT ...]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from katas.harness import catalogue, checker, report, rules, targets


def problems(run: report.Run | None, fragments=()) -> list[str]:
    """Return why ``run`` is not the learner's first view, and the fragments no failure shows."""
    unavailable = {k.slug for k in catalogue.load() if k.unavailable_reason()}
    found = rules.learner_view_problems(run, unavailable)
    messages = [test.message for test in run.tests] if run else []
    found += [
        f"no failure message contains {fragment!r}"
        for fragment in fragments
        if not any(fragment in message for message in messages)
    ]
    return found


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--report"] and len(argv) >= 2:
        path, fragments = Path(argv[1]), argv[2:]
    else:
        folder = Path(tempfile.mkdtemp(prefix="katas-learner-view-"))
        path, fragments = folder / "learner.json", ()
        checker.pytest_session(
            [
                f"--katas-target={targets.SHIPPED}",
                "-p",
                "no:cacheprovider",
                "-q",
                "--tb=no",
                "-rN",
                f"--katas-report={path}",
            ]
        )
    run = report.read(path)
    found = problems(run, fragments)
    if found:
        print(
            f"learner view ({path}): expected every test to fail by assertion:", *found, sep="\n  "
        )
        return 1
    print(f"learner view: {len(run.tests)} kata tests, all failed by an assertion, as they should")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
