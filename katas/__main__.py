"""`python -m katas`: the learner's board and the other commands (see katas.cli)."""

from katas.cli import main

raise SystemExit(main())
