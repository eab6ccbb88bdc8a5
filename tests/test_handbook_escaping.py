"""User text on handbook pages: shown as written, never run; Markdown only where it is allowed, and sanitised."""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest

from spread.handbook.escaping import html, link, long_text, safe_url, text
from spread.handbook.markup import inline, table

# The extensions the generated configuration turns on: the escaping must hold with all of them.
EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "def_list", "pymdownx.details", "toc"]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


HOSTILE = [
    '</title><script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "Circles {: onclick=alert(1) } and *stars* and [a link](javascript:alert(1))",
    "# not a heading | not | a table",
    "- not a list\n\n> not a quote",
    "back\\slash ~~tilde~~ & ampersand ` lone backtick",
    "1. not a numbered list", "+ not a list either", "---", "Version 2.0.0 at 1.5 hours",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_is_shown_exactly_and_runs_nothing(value: str) -> None:
    out = render(text(value))
    assert "<script" not in out and "<img" not in out and not re.search(r"<[^>]*\sonclick=", out)
    assert "<a " not in out and "<h1" not in out and "<table" not in out and "<em>" not in out
    assert "<ol" not in out and "<ul" not in out and "<hr" not in out
    # What a reader sees is the value, whitespace collapsed to single spaces.
    visible = unescape(re.sub(r"<[^>]+>", "", out)).strip()
    assert visible == " ".join(value.split())


@pytest.mark.parametrize("value", HOSTILE)
def test_inline_in_a_raw_html_block_is_shown_exactly_and_runs_nothing(value: str) -> None:
    """Heavy parts of site pages are raw HTML blocks: Markdown passes them through, so `inline` alone keeps
    user text from becoming markup there, with every extension on."""
    out = render(f"# Page\n\n{table(['Value'], [[inline(value)]])}\n")
    cell = out[out.index("<td>") + 4:out.index("</td>")]
    assert "<" not in cell.replace("<code>", "").replace("</code>", "")
    assert unescape(re.sub(r"</?code>", "", cell)) == " ".join(value.split())


def test_inline_shows_code_in_backticks_as_code_like_text_does() -> None:
    assert inline("Run `spread site new <id>` then *check*") == \
        "Run <code>spread site new &lt;id&gt;</code> then *check*"
    assert inline("  two\n lines  ") == "two lines"


def test_text_shows_code_in_backticks_as_code() -> None:
    out = render(text("Run `spread site new <id>` then *check*"))
    assert "<code>spread site new &lt;id&gt;</code>" in out and "*check*" in out


def test_text_keeps_attribute_lists_out_of_headings() -> None:
    out = render(f"## {text('Title { #evil .x onclick=alert(1) }')}")
    tag = out.split(">", 1)[0]
    assert re.fullmatch(r'<h2 id="[a-z0-9-]+"', tag), tag  # the toc's own slug, and no attribute of ours
    assert "Title { #evil .x onclick=alert(1) }</h2>" in out


def test_long_text_allows_markdown_but_no_html() -> None:
    out = render(long_text("Some *emphasis* and a [web link](https://example.org/a_(b)).\n\n<b>bold</b> "
                           "<script>alert(1)</script>"))
    assert "<em>emphasis</em>" in out
    assert '<a href="https://example.org/a_(b)">web link</a>' in out
    assert "<b>" not in out and "<script" not in out and "&lt;script&gt;" in out


@pytest.mark.parametrize("source", [
    "[click](javascript:alert(1))", "[click](JAVASCRIPT:alert(1))", "[click](data:text/html,x)",
    "[click](relative/page.md)", "[click](#anchor)", "[click]: javascript:alert(1)\n\n[x][click]",
])
def test_long_text_links_go_nowhere_but_the_web(source: str) -> None:
    out = render(long_text(source))
    assert "href" not in out
    assert "click" in out


def test_long_text_drops_images_so_nothing_is_fetched() -> None:
    out = render(long_text("![tracker](https://example.org/pixel.png)"))
    assert "<img" not in out and "tracker" in out


def test_long_text_leaves_code_alone() -> None:
    out = render(long_text("Use `<b>` for bold.\n\n    <indented code>"))
    assert "<code>&lt;b&gt;</code>" in out
    assert "<b>" not in out.replace("<code>&lt;b&gt;</code>", "")


def test_long_text_moves_headings_under_the_page() -> None:
    assert long_text("# Top\n\n## Next", top=3) == "### Top\n\n#### Next"
    assert long_text("### Only", top=4) == "#### Only"


def test_long_text_closes_a_fence_left_open() -> None:
    assert long_text("```\ncode").endswith("```")


def test_urls_and_html() -> None:
    assert safe_url(" https://example.org ") == "https://example.org"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url('https://x.org/"onmouseover') is None
    assert link("Report", "ftp://x") == "Report"
    assert link("Report", "https://x.org") == "[Report](<https://x.org>)"
    assert html('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"
