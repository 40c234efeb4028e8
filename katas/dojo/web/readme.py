"""A kata's README as HTML, with its Mermaid diagrams left for mermaid.js to draw."""

from __future__ import annotations

from functools import cache
from html import escape

from markdown_it import MarkdownIt

from katas.harness import catalogue


def _fence(renderer, tokens, index, options, env):
    token = tokens[index]
    if token.info.strip().split(" ")[0] == "mermaid":
        # mermaid.js reads the element's text: escaped here, it gets the source back as written.
        # Fitted to the README's width its type can be small: the button shows it full size.
        return (
            f'<figure class="diagram"><pre class="mermaid">{escape(token.content)}</pre>'
            '<button class="zoom" type="button">Zoom the diagram</button></figure>\n'
        )
    return _code(token)


def _code(token) -> str:
    language = token.info.strip().split(" ")[0]
    css = f' class="language-{escape(language)}"' if language else ""
    return f"<pre><code{css}>{escape(token.content)}</code></pre>\n"


def _parser() -> MarkdownIt:
    # CommonMark without raw HTML (a README's text is shown, never run), plus tables.
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("fence", _fence)
    return md


def render(text: str) -> str:
    """Markdown ``text`` as HTML."""
    return _parser().render(text)


@cache
def _render_file(path: str, mtime: float) -> str:
    with open(path, encoding="utf-8") as handle:
        return render(handle.read())


def html_of(kata: catalogue.Kata) -> str:
    """``kata``'s README as HTML (rendered again only when the file changes)."""
    path = kata.readme
    return _render_file(str(path), path.stat().st_mtime)
