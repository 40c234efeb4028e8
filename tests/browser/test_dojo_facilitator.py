"""A facilitator runs a whole session from the projector at 1280x720, with keys and clicks.

One dojo for the module, in the order of a session: the problem is presented (keys keep
their browser meaning, the README takes the whole width, every text reads from the back
of the room), Enter starts turn 1, `n` rotates early, the page ends the session and
names the retrospective's file, and the page's last button stops the dojo. A second
dojo dies in the middle of a turn.
"""

from __future__ import annotations

import signal
import time

import pytest

from katas.harness import catalogue
from tests.browser.conftest import Dojo

KATA = catalogue.by_slug()["profile_on_signup"]
PROJECTOR = {"width": 1280, "height": 720}
SMALLEST = 18  # px: the smallest text that reads on a projector at 1280x720
PEOPLE = ("--people", "Ana,Ben,Caro")

# Every piece of text the page draws: its font size in screen pixels (an SVG's own
# scale included), the element, and whether it sits in a diagram with a zoom control.
TEXT_SIZES = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const element = node.parentElement;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden") continue;
    let px = parseFloat(style.fontSize);
    if (element.closest("svg")) {
      const m = element.getScreenCTM();
      px *= Math.hypot(m.a, m.b);
    }
    const diagram = element.closest(".diagram");
    found.push({
      px: Math.round(px * 10) / 10,
      text: node.textContent.trim().slice(0, 50),
      zoomable: Boolean(diagram && diagram.querySelector("button.zoom")),
      open: Boolean(element.closest("dialog[open]")),
    });
  }
  return found;
}"""

ON_TOP = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return Boolean(hit && hit.closest(selector));
}"""


def small_texts(page, *, zoomable_too: bool = False, dialog_only: bool = False) -> list[dict]:
    texts = page.evaluate(TEXT_SIZES)
    return [
        t
        for t in texts
        if t["px"] < SMALLEST
        and (zoomable_too or not t["zoomable"])
        and (t["open"] or not dialog_only)
    ]


@pytest.fixture(scope="module")
def dojo(repo):
    running = Dojo(repo, KATA.slug, "--turn", "0.5", *PEOPLE)
    yield running
    log = running.stop()
    assert "Traceback" not in log, log


@pytest.fixture(scope="module")
def page(browser, dojo):
    page = browser.new_page()
    page.set_viewport_size(PROJECTOR)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(dojo.url)
    page.wait_for_selector("#readme pre.mermaid svg", timeout=15_000)
    page.wait_for_function("document.body.dataset.checks >= '1'", timeout=60_000)
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


def phase(page) -> str:
    return page.evaluate("document.body.dataset.phase")


def test_the_page_says_that_the_last_name_navigates_turn_1(page):
    shown = page.locator("#clock-side").inner_text()

    assert "Ana drives, Caro navigates" in shown
    assert "last name navigates turn 1" in shown, shown


def test_problem_full_width_gives_the_readme_the_whole_page(page):
    page.keyboard.press("r")
    width = page.locator("#readme-side").bounding_box()["width"]
    page.keyboard.press("r")
    back = page.locator("#readme-side").bounding_box()["width"]

    assert width > 0.9 * 1280, f"the README is {width:.0f} px wide in full width mode"
    assert back < 0.7 * 1280, f"the timer did not come back: the README is {back:.0f} px wide"
    assert page.locator("#timer").is_visible()


# Recorded after the page's own key handler: whether it took the key from the browser.
WATCH_KEYS = """() => {
  window.keysSeen = [];
  window.addEventListener("keydown", (event) => {
    window.keysSeen.push([event.key, event.defaultPrevented]);
  });
}"""
BROWSER_KEYS = ("PageDown", "ArrowDown", "ArrowUp", "Space", "PageUp", "Tab", "Escape", "F5", "F11")


def test_keys_other_than_enter_keep_their_browser_meaning_between_turns(page):
    page.evaluate(WATCH_KEYS)
    page.locator("#readme p").first.click()  # the README pane is what the keys scroll
    page.keyboard.press("PageDown")
    page.wait_for_timeout(500)
    scrolled = page.evaluate("document.querySelector('#readme-side').scrollTop")
    for key in (*BROWSER_KEYS, "x", "Shift"):
        page.keyboard.press(key)
    page.wait_for_timeout(600)  # a turn started by a key would show by now
    taken = [key for key, prevented in page.evaluate("window.keysSeen") if prevented]

    assert phase(page) == "waiting", "a key other than Enter started turn 1"
    assert scrolled > 0, "PageDown did not scroll the README"
    assert not taken, f"the page kept these keys from the browser: {taken}"
    page.locator("#readme-side").evaluate("side => side.scrollTo(0, 0)")


def test_no_text_is_under_18_px_before_turn_1_and_the_diagram_zooms(page):
    page.wait_for_function("document.body.dataset.checks >= '1'", timeout=30_000)
    small = small_texts(page)
    assert not small, f"text under {SMALLEST} px at 1280x720: {small[:8]}"

    page.locator(".diagram button.zoom").first.click()
    page.wait_for_selector("dialog[open] svg", timeout=5_000)
    in_dialog = [t for t in page.evaluate(TEXT_SIZES) if t["open"]]
    small = [t for t in in_dialog if t["px"] < SMALLEST]
    page.keyboard.press("Escape")

    assert len(in_dialog) > 5, "the zoomed diagram shows no text"
    assert not small, f"the zoomed diagram still has text under {SMALLEST} px: {small[:8]}"
    assert page.locator("dialog[open]").count() == 0, "Escape did not close the diagram"


def test_enter_starts_the_turn(page):
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.phase === 'running'", timeout=5_000)

    assert "Ana drives, Caro navigates" in page.locator("#roles").inner_text()


def test_during_a_turn_no_text_is_under_18_px_and_the_whole_message_can_be_read(page):
    small = small_texts(page)
    assert not small, f"text under {SMALLEST} px at 1280x720: {small[:8]}"

    message = page.locator("#message")
    whole = message.evaluate("m => m.scrollHeight <= m.clientHeight + 1")
    if not whole:  # cut: the page offers the whole message
        page.get_by_role("button", name="Whole message").click()
        shown = page.locator("dialog[open]")
        shown.wait_for(timeout=5_000)
        text = shown.inner_text()
        small = small_texts(page, dialog_only=True)
        page.keyboard.press("Escape")
        assert message.inner_text().strip() in text
        assert not small, small[:8]
    assert message.inner_text().strip(), "no failure message is shown"


def test_rotating_early_says_rotate_not_time(page):
    page.keyboard.press("n")
    banner = page.locator("#banner")
    banner.wait_for(state="visible", timeout=5_000)
    text = banner.inner_text()

    assert "rotate" in text.lower()
    assert "time" not in text.lower(), f"an early rotation is announced as time up: {text!r}"
    assert "Ben drives, Ana navigates" in text
    assert not small_texts(page), small_texts(page)[:8]


def test_the_page_ends_the_session_and_names_the_retrospective_file(page, dojo):
    page.get_by_role("button", name="Start turn 2").click()
    page.wait_for_function("document.body.dataset.phase === 'running'", timeout=5_000)
    page.get_by_role("button", name="End session").click()
    retro = page.locator("#retro")
    retro.wait_for(state="visible", timeout=5_000)
    page.wait_for_function("document.querySelector('#retro-path').textContent", timeout=10_000)
    path = page.locator("#retro-path").inner_text().strip()

    assert not small_texts(page), small_texts(page)[:8]
    saved = dojo.repo / path  # relative to the dojo's folder, or absolute
    assert saved.is_file(), f"the page names {path}, which is no file"
    text = saved.read_text()
    assert "| 1 | Ana | Caro |" in text, text
    assert "| 2 | Ben | Ana |" in text, text


def test_the_page_stops_the_dojo_and_says_so_above_everything(page, dojo):
    page.get_by_role("button", name="Stop the dojo").click()
    dojo.process.wait(timeout=15)
    offline = page.locator("#offline")
    offline.wait_for(state="visible", timeout=5_000)

    assert dojo.process.returncode == 0, dojo.log.read_text()
    assert page.evaluate(ON_TOP, "#offline"), "the 'dojo stopped' bar is hidden under the page"


def test_a_dojo_that_dies_mid_turn_shows_it_and_its_buttons_stop(browser, repo):
    dead = Dojo(repo, KATA.slug, "--turn", "5", *PEOPLE)
    page = browser.new_page()
    page.set_viewport_size(PROJECTOR)
    try:
        page.goto(dead.url)
        page.get_by_role("button", name="Start turn").first.click()
        page.wait_for_function("document.body.dataset.phase === 'running'", timeout=5_000)
        dead.process.send_signal(signal.SIGKILL)
        dead.process.wait(timeout=10)
        page.locator("#offline").wait_for(state="visible", timeout=5_000)
        time.sleep(1.5)

        assert page.evaluate(ON_TOP, "#offline")
        assert page.locator("#timer").inner_text() == "-:--", "the timer still shows a time"
        enabled = page.locator("button[data-action]:enabled").all_inner_texts()
        assert not enabled, f"buttons that can no longer do anything: {enabled}"
    finally:
        page.close()
        dead.stop()
