// The dojo page: polls the session's state and redraws; buttons and keys drive the timer.
"use strict";

const $ = (id) => document.getElementById(id);
let shownReadme = null;
let phase = "waiting";

// Larger type than mermaid's default, in the page's own font (so that mermaid measures
// the text it draws and notes fit their boxes).
const FONT = '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif';
mermaid.initialize({
  startOnLoad: false,
  securityLevel: "strict",
  theme: "default",
  fontFamily: FONT,
  themeVariables: { fontFamily: FONT, fontSize: "20px" },
  sequence: {
    actorFontFamily: FONT, actorFontSize: 20,
    messageFontFamily: FONT, messageFontSize: 20,
    noteFontFamily: FONT, noteFontSize: 18,
  },
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
    $("next").textContent = "Press Enter (or Start turn) when the problem is clear.";
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

  // Time up: the next pair, big, until someone starts the turn.
  roles($("banner-who"), view.next_driver, view.next_navigator, view.pairs);
  $("banner-how").textContent =
    `Press a key or click to start turn ${view.turn + 1}.  S: skip ${view.next_driver}.  +: one more minute.`;

  const wanted = status.state === "solved" && view.next_kata ? view.next_kata : view.kata;
  if (wanted.slug !== shownReadme) showReadme(wanted, wanted !== view.kata);
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

async function act(action) {
  const response = await fetch(`act/${action}`, { method: "POST", headers: { "X-Dojo": "1" } });
  if (response.ok) render(await response.json());
}

async function poll() {
  try {
    const response = await fetch("state", { cache: "no-store" });
    render(await response.json());
    document.body.classList.remove("offline");
  } catch (error) {
    document.body.classList.add("offline");
  } finally {
    setTimeout(poll, window.DOJO.poll);
  }
}

for (const button of document.querySelectorAll("button[data-action]")) {
  button.addEventListener("click", () => act(button.dataset.action));
}
$("wide").addEventListener("click", () => document.body.classList.toggle("wide"));
$("banner").addEventListener("click", () => act("start"));

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key === "r") { document.body.classList.toggle("wide"); return; }
  const between = phase === "waiting" || phase === "time up";
  const actions = { " ": "pause", p: "pause", "+": "extend", e: "extend", s: "skip", n: "rotate" };
  let action = actions[key];
  if (between && !["s", "+", "e"].includes(key)) action = "start";
  if (!action || event.key === "Shift") return;
  event.preventDefault();
  act(action);
});

poll();
