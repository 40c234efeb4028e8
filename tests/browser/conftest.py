"""A dojo page served from a throw-away copy of the repository, and Chromium to look at it.

Maintainers only (plain `pytest` skips tests/browser; see katas.harness.plugin):
`pytest tests/browser`, or `bash .ci/browser`, which installs Debian's chromium
and the `browser` extra (Playwright, driving that chromium: never a browser of
its own).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from katas.harness import catalogue

ROOT = catalogue.ROOT
CHROMIUM = os.environ.get("KATAS_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(reason: str):
    # In CI a missing browser is a failure, never a silent skip.
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (run .ci/browser, which installs it)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A copy of the repository: the tests write solutions into it, never into katas/."""
    path = tmp_path_factory.mktemp("repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in ("katas", "solutions"):
        shutil.copytree(ROOT / name, path / name, ignore=ignore)
    shutil.copytree(
        ROOT / "tests",
        path / "tests",
        ignore=shutil.ignore_patterns("harness", "browser", "__pycache__"),
    )
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(ROOT / name, path / name)
    return path


class Dojo:
    """A running `python -m katas dojo --web` in the copy; ``url`` is its page."""

    def __init__(self, repo: Path, *args: str):
        self.repo = repo
        env = {k: v for k, v in os.environ.items() if k != "KATAS_TARGET"}
        self.log = repo / "dojo.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "katas", "dojo", *args, "--web", "--port", "0"],
            cwd=repo,
            stdin=subprocess.DEVNULL,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            env=env,
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for word in self.log.read_text().split():
                if word.startswith("http://127.0.0.1:"):
                    return word
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"the dojo did not serve its page:\n{self.log.read_text()}", pytrace=False)

    def stop(self) -> str:
        for _ in range(2):  # once ends the session, twice stops the page
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    continue
        if self.process.poll() is None:
            self.process.kill()
        return self.log.read_text()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Debian's Chromium, headless, with a fresh profile, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[browser]')")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1920, "height": 1080},
        )
        yield context
        context.close()
