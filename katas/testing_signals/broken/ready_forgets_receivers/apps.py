"""Broken: ready() no longer imports receivers.py.

A linter's autofix removed the "unused" import (its `# noqa` had been lost), so no
receiver of the shop is connected at startup: only where a module imports
receivers.py, as a test may.
"""

from katas.harness.apps import KataConfig


class TestingSignalsConfig(KataConfig):
    name = "katas.testing_signals"

    def ready(self):
        pass
