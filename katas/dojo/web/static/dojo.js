// The dojo page: polls the session's state and redraws; buttons and a few keys drive it.
// Keys: Enter starts a turn; P pauses, + gives a minute, S skips, N rotates, Q ends the
// session, R gives the README the whole width. Every other key keeps its browser meaning
// (PageDown, the arrows, Space, Tab, F5, Escape, F11): a presenter's clicker scrolls the
// README and starts nobody's turn.
"use strict";

const $ = (id) => document.getElementById(id);
let shownReadme = null;
let phase = "waiting";
let online = true;

// Mermaid's type in the page's own font (so that mermaid measures the text it draws and
// notes fit their boxes). The top-level fontSize is the one the sequence diagrams use.
const FONT = '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif';
mermaid.initialize({
  startOnLoad: false,
  securityLevel: "strict",
  theme: "default",
  fontFamily: FONT,
  fontSize: 20,
  themeVariables: { fontFamily: FONT, fontSize: "20px" },
});

function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-9));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function roles(target, driver, navigator, pairs) {
  target.replaceChildren(el("b", driver));
  if (navigator) {
    target.append(" drives, ", el("b", navigator), " navigates");
  } else {
    target.append(pairs ? " at the keyboard" : " drives");
  }
}

// What each button can do in each phase; the others are greyed out.
const ALLOWED = {
  waiting: ["start", "skip", "extend", "finish"],
  running: ["pause", "extend", "skip", "rotate", "finish"],
  paused: ["pause", "extend", "skip", "rotate", "finish"],
  "time up": ["start", "extend", "skip", "finish"],
  over: ["close"],
};

function enableButtons() {
  const allowed = online ? ALLOWED[phase] || [] : [];
  for (const button of document.querySelectorAll("button[data-action]")) {
    button.disabled = !allowed.includes(button.dataset.action);
  }
}

function render(view) {
  phase = view.phase;
  if (String(view.checks) !== document.body.dataset.checks) {
    // When this page first showed a check's result (the browser test measures the delay).
    document.body.dataset.checks = view.checks;
    document.body.dataset.shownAt = Date.now() / 1000;
  }
  document.body.dataset.phase = view.phase;
  $("timer").textContent = clock(view.left);
  $("timer").classList.toggle("low", view.phase === "running" && view.left <= 30);
  const of = view.limit ? ` of ${view.limit}` : "";
  $("turn").textContent =
    view.phase === "waiting" ? "Before turn 1" :
    view.phase === "over" ? "Session over" : `Turn ${view.turn}${of}`;

  if (view.phase === "waiting") {
    roles($("roles"), view.next_driver, view.next_navigator, view.pairs);
    $("roles").prepend("First: ");
    let rotation = `Rotation: ${view.people.join(", ")}`;
    if (view.next_navigator && view.next_navigator === view.people[view.people.length - 1]) {
      rotation += " (the last name navigates turn 1)";
    }
    $("next").textContent = `${rotation}. Enter (or Start turn) starts turn 1.`;
  } else if (view.phase === "over") {
    $("roles").textContent = "Time for the retrospective.";
    $("next").textContent = "";
  } else {
    roles($("roles"), view.driver, view.navigator, view.pairs);
    $("next").replaceChildren("Next: ", el("b", view.next_driver));
  }

  $("tasks").replaceChildren(
    ...view.tasks.map((t) =>
      el("li", `Task ${t.number}: ${t.title}`, t.state.replace(" ", "-"))
    )
  );
  for (const [i, t] of view.tasks.entries()) $("tasks").children[i].dataset.state = t.state;

  const status = view.status;
  $("status").classList.toggle("solved", status.state === "solved");
  if (status.state === "solved") {
    $("test").textContent = `Solved: ${view.kata.title}!`;
    $("message").textContent = view.next_kata
      ? `Next kata: ${view.next_kata.number}. ${view.next_kata.title}`
      : "That was the last kata.";
  } else {
    $("test").textContent = status.test;
    $("message").textContent = status.message;
  }
  const message = $("message");
  $("whole").hidden = message.scrollHeight <= message.clientHeight + 1;

  // Between turns: the next pair, big, until someone starts the turn.
  $("banner-headline").textContent = view.ended_by === "rotate" ? "Rotate" : "Time! Rotate";
  roles($("banner-who"), view.next_driver, view.next_navigator, view.pairs);
  $("banner-start").textContent = `Start turn ${view.turn + 1}`;
  $("banner-how").textContent =
    `Enter starts turn ${view.turn + 1}.  S: skip ${view.next_driver}.  +: one more minute.  Q: end the session.`;

  const retro = view.retro || {};
  $("retro-path").textContent = retro.path || "";
  $("retro-where").hidden = !retro.path;
  $("offline-retro").textContent = retro.path ? ` The retrospective is in ${retro.path}` : "";
  enableButtons();

  const wanted = status.state === "solved" && view.next_kata ? view.next_kata : view.kata;
  if (wanted.slug !== shownReadme) showReadme(wanted, wanted !== view.kata);
}

function setOnline(now) {
  online = now;
  document.body.classList.toggle("offline", !now);
  if (!now) {
    $("timer").textContent = "-:--";
    $("timer").classList.remove("low");
    $("turn").textContent = "Dojo stopped";
  }
  enableButtons();
}

async function showReadme(kata, isNext) {
  shownReadme = kata.slug;
  const response = await fetch(`readme/${kata.slug}`, { cache: "no-store" });
  $("readme").innerHTML = await response.text();  // rendered by the server, raw HTML disabled
  $("readme-note").textContent = isNext ? `Green! Next kata: ${kata.number}. ${kata.title}` : "";
  try {
    await mermaid.run({ nodes: $("readme").querySelectorAll("pre.mermaid") });
  } catch (error) {
    console.error("mermaid", error);
  }
}

// A diagram fits the README's width, which can make its text small: the zoom shows it at
// its own size (20 px type), in a dialog that scrolls; Escape closes it.
function zoom(figure) {
  const svg = figure.querySelector("svg");
  if (!svg) return;
  const copy = svg.cloneNode(true);
  const box = svg.viewBox.baseVal;
  copy.removeAttribute("style");
  copy.setAttribute("width", box.width);
  copy.setAttribute("height", box.height);
  $("zoom-body").replaceChildren(copy);
  $("zoom").showModal();
}

function wholeMessage() {
  $("whole-test").textContent = $("test").textContent;
  $("whole-text").textContent = $("message").textContent;
  $("whole-message").showModal();
}

async function act(action) {
  try {
    const response = await fetch(`act/${action}`, { method: "POST", headers: { "X-Dojo": "1" } });
    if (!response.ok) throw new Error(`act/${action}: ${response.status}`);
    render(await response.json());
    setOnline(true);
  } catch (error) {
    setOnline(false);
  }
}

async function poll() {
  try {
    const response = await fetch("state", { cache: "no-store" });
    if (!response.ok) throw new Error(`state: ${response.status}`);
    render(await response.json());
    setOnline(true);
  } catch (error) {
    setOnline(false);
  } finally {
    setTimeout(poll, window.DOJO.poll);
  }
}

function toggleWide() {
  document.body.classList.toggle("wide");
}

for (const button of document.querySelectorAll("button[data-action]")) {
  button.addEventListener("click", () => act(button.dataset.action));
}
$("wide").addEventListener("click", toggleWide);
$("whole").addEventListener("click", wholeMessage);
$("readme").addEventListener("click", (event) => {
  const figure = event.target.closest(".diagram");
  if (figure) zoom(figure);
});

const KEYS = { p: "pause", "+": "extend", e: "extend", s: "skip", n: "rotate", q: "finish" };

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  if (document.querySelector("dialog[open]")) return;  // a zoomed diagram, the whole message
  const between = phase === "waiting" || phase === "time up";
  let action = null;
  if (event.key === "Enter") {
    // Between turns Enter starts the turn, whatever has the focus (a button clicked
    // earlier keeps it); during a turn it presses the focused button, as everywhere.
    if (between) action = "start";
  } else if (event.key.length === 1) {
    const key = event.key.toLowerCase();
    if (key === "r") {
      event.preventDefault();
      toggleWide();
      return;
    }
    action = KEYS[key] || null;
  }
  if (!action || !online) return;
  event.preventDefault();
  act(action);
});

poll();
