from katas.harness.apps import KataConfig


class TestingSignalsConfig(KataConfig):
    name = "katas.testing_signals"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the shop's receivers
