"""Check a --katas-report: every test failed by assertion (see katas.harness.learner_view).

python .ci/expect_red.py REPORT [FRAGMENT ...]
"""

import sys

from katas.harness import learner_view

if __name__ == "__main__":
    if not sys.argv[1:]:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(learner_view.main(["--report", *sys.argv[1:]]))
