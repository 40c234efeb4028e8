// Parse every ```mermaid block of katas/*/README.md and docs/*.md with Mermaid's
// own parser (the one GitHub and the docs sites render with), not a regex.
// Usage: node check.mjs [ROOT]   (ROOT: the repository, default two folders up)
// Exits 1 and names file, line and Mermaid's message for each diagram that fails.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, "..", ".."));

// Mermaid expects a browser: some diagram types sanitise labels with DOMPurify,
// which needs a window. jsdom gives it one, offline.
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

function markdownFiles() {
  const found = [];
  const katas = join(root, "katas");
  for (const entry of readdirSync(katas, { withFileTypes: true })) {
    const readme = join(katas, entry.name, "README.md");
    if (entry.isDirectory() && existsSync(readme)) found.push(readme);
  }
  const docs = join(root, "docs");
  if (existsSync(docs)) {
    for (const name of readdirSync(docs)) if (name.endsWith(".md")) found.push(join(docs, name));
  }
  return found.sort();
}

function diagramsOf(file) {
  // A fenced block opened by ```mermaid (any indentation) and closed by the next ```.
  const lines = readFileSync(file, "utf8").split("\n");
  const diagrams = [];
  let start = null;
  let body = [];
  lines.forEach((line, index) => {
    const fence = line.trim();
    if (start === null && /^```\s*mermaid\s*$/.test(fence)) {
      start = index + 1;
      body = [];
    } else if (start !== null && fence.startsWith("```")) {
      diagrams.push({ line: start, source: body.join("\n") });
      start = null;
    } else if (start !== null) {
      body.push(line);
    }
  });
  if (start !== null) diagrams.push({ line: start, source: body.join("\n"), unclosed: true });
  return diagrams;
}

let checked = 0;
const failures = [];
for (const file of markdownFiles()) {
  for (const diagram of diagramsOf(file)) {
    checked += 1;
    const where = `${relative(root, file)}:${diagram.line}`;
    if (diagram.unclosed) {
      failures.push(`${where}: the mermaid block is never closed with \`\`\``);
      continue;
    }
    try {
      await mermaid.parse(diagram.source);
    } catch (error) {
      const message = String(error?.message ?? error);
      // Mermaid counts lines from the diagram's first line: point at the file's line.
      const inDiagram = /on line (\d+)/.exec(message);
      const line = inDiagram ? diagram.line + Number(inDiagram[1]) : diagram.line;
      const shown = message.split("\n").slice(0, 3).join("\n    ");
      failures.push(`${relative(root, file)}:${line}: ${shown}`);
    }
  }
}

for (const failure of failures) console.log(`FAIL ${failure}`);
if (checked === 0) {
  console.log("diagrams: no ```mermaid block found: is the repository root right?");
  process.exit(1);
}
console.log(`diagrams: ${checked - failures.length} of ${checked} Mermaid diagrams parse`);
process.exit(failures.length ? 1 : 0);
