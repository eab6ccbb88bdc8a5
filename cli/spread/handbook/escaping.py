"""User text on a generated page, safe by construction: shown as text, or rendered as sanitised Markdown.

Every string from a playbook, site, audit or changelog takes one of two paths onto a page, and no other:

- **Text.** A short field (a title, a name, a table cell) is shown exactly as written. `html` is for raw HTML,
  which Markdown passes through untouched; `text` is for Markdown (headings, so that the table of contents
  and the page title work): every ASCII punctuation mark becomes a numeric character reference, so Markdown
  and its extensions see no syntax at all, and the browser, the page title, the table of contents and the
  search index show the characters as written. `code in backticks` shows as code on both paths.
- **Markdown.** A field listed in `MARKDOWN_FIELDS` may hold paragraphs, lists, headings, emphasis, code and
  web links; raw HTML in it shows as text. `prose` renders it with Python-Markdown, cleans the HTML with nh3
  against an allow-list of tags, attributes and link schemes, moves its headings under the page's own, and
  returns one raw HTML block.

Nothing here tries to recognise dangerous input: text is encoded whatever it says, and Markdown output keeps
only what the allow-list names.
"""

from __future__ import annotations

import html as _html
import re
import string
from collections.abc import Iterator
from typing import Any

# The fields people may write Markdown in: the one list, shown on the reference pages too.
MARKDOWN_FIELDS = {
    "playbook": ("description", "evidence.summary", "replication.notes", "local[].guidance"),
    "site": ("notes",),
}
# Markdown the handbook allows in those fields, and the HTML it may become.
EXTENSIONS = ("fenced_code", "tables", "sane_lists")
TAGS = {"p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "table", "thead",
        "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# Links go to the web, to mail, or to a heading on the same page (`#version-history`), never to another
# relative address: from the site's folder it could lead anywhere on the reader's disk or another host
# (`//host`), and the generator could not check that it leads anywhere.
SCHEMES = {"http", "https", "mailto"}
_SAME_PAGE = re.compile(r"#[A-Za-z0-9_-]+\Z")
_ABSOLUTE = re.compile(r"(?:https?|mailto):", re.IGNORECASE)

# A control character (other than a line break or tab) has no place on a page: it shows as the replacement
# character, so that no reader, parser or Markdown placeholder (STX, ETX) meets one.
CONTROLS = {c: "\ufffd" for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}
_REFERENCES = str.maketrans({**CONTROLS, **{ord(c): f"&#{ord(c)};" for c in string.punctuation}})
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_HEADING = re.compile(r"<(/?)h([1-6])>")
_PRE = re.compile(r"(<pre>.*?</pre>)", re.DOTALL)
_UNLINKED = re.compile(r'<a rel="noopener noreferrer">(.*?)</a>', re.DOTALL)
# A link's address and title as CommonMark reads them: an address without spaces (or in <>), brackets in it
# balanced, then perhaps a quoted or bracketed title.
_DESTINATION = re.compile(r"""\(\s*(<[^<>\n]*>|[^\s()<>]*(\([^\s()<>]*\)[^\s()<>]*)*)"""
                          r"""(\s+("[^"]*"|'[^']*'|\([^()]*\)))?\s*\)""")
_renderer: Any = None
_cleaner: Any = None


def html(value: object) -> str:
    """A value as HTML text or attribute content."""
    return _html.escape(str(value).translate(CONTROLS), quote=True)


def spans(value: object) -> Iterator[tuple[str, bool]]:
    """A short value's text, whitespace collapsed to single spaces, in pieces: (text, whether it is code)."""
    plain = " ".join(str(value).translate(CONTROLS).split())
    last = 0
    for match in _CODE_SPAN.finditer(plain):
        if match.start() > last:
            yield plain[last:match.start()], False
        yield match.group(2).strip() or match.group(2), True
        last = match.end()
    if last < len(plain):
        yield plain[last:], False


def text(value: object) -> str:
    """A short value as Markdown inline text that Markdown reads as nothing but characters: shown as written,
    with whitespace (line breaks too) collapsed to single spaces, and `code in backticks` shown as code."""
    plain = " ".join(str(value).split())
    if "`" not in plain:
        return plain.translate(_REFERENCES)
    return "".join(f"<code>{piece.translate(_REFERENCES)}</code>" if code else piece.translate(_REFERENCES)
                   for piece, code in spans(plain))


def _strict_links(renderer: Any) -> None:
    """A link or image is one only when its address and title read as CommonMark reads them, otherwise it is
    text: Python-Markdown would take the words after a stray quote or bracket into the address or title
    (`[a](x" y) more`), where the reader never sees them once the allow-list refuses the address."""
    from markdown.inlinepatterns import ImageInlineProcessor, LinkInlineProcessor  # type: ignore[import-untyped]

    def strict(kind: type[Any]) -> type[Any]:
        class Strict(kind):  # type: ignore[misc]  # Python-Markdown ships no type information
            def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
                href, title, end, handled = super().getLink(data, index)
                return href, title, end, handled and bool(_DESTINATION.fullmatch(data, index, end))
        return Strict

    priorities = {item.name: item.priority for item in renderer.inlinePatterns._priority}
    for name, kind in (("link", LinkInlineProcessor), ("image_link", ImageInlineProcessor)):
        renderer.inlinePatterns.register(strict(kind)(renderer.inlinePatterns[name].pattern, renderer), name,
                                         priorities[name])


def _render(source: str) -> str:
    global _renderer
    if _renderer is None:
        import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type information

        _renderer = markdown.Markdown(extensions=list(EXTENSIONS))
        _strict_links(_renderer)
        # Raw HTML in a Markdown field shows as the text it is, as in a code span, rather than being dropped.
        _renderer.preprocessors.deregister("html_block")
        _renderer.inlinePatterns.deregister("html")
    out: str = _renderer.reset().convert(source)
    return out


def clean(fragment: str) -> str:
    """An HTML fragment with only the allowed tags, attributes and link schemes; a link whose address was
    refused becomes its text."""
    global _cleaner
    if _cleaner is None:
        import nh3

        _cleaner = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, url_relative="pass_through",
                               attribute_filter=_address, strip_comments=True)
    out: str = _cleaner.clean(fragment)
    return _UNLINKED.sub(r"\1", out)


def _address(tag: str, attribute: str, value: str) -> str | None:
    """An attribute kept as it is, except a link's address that is neither absolute (its scheme is then checked
    against SCHEMES) nor a heading on the same page: that one is dropped, and the link becomes its text."""
    if tag == "a" and attribute == "href" and not (_SAME_PAGE.match(value) or _ABSOLUTE.match(value)):
        return None
    return value


def link(label: str, url: str | None) -> str:
    """`label` (HTML) as a link to `url` from the user's data, or the label alone when the address is not a web
    or mail address."""
    return clean(f'<a href="{html(url)}">{label}</a>') if url else label


def prose(value: str, top: int = 3) -> str:
    """A Markdown field as one raw HTML block (`<div class="spread-prose">`): sanitised, with its biggest heading
    at level `top`, under the page's own headings; on one line, so that Markdown passes it through whole."""
    cleaned = clean(_render(value.translate(CONTROLS)))
    levels = [int(level) for _, level in _HEADING.findall(cleaned)]
    if levels:
        shift = top - min(levels)
        cleaned = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}>", cleaned)
    one_line = "".join(part.replace("\n", "&#10;") if part.startswith("<pre>") else part.replace("\n", " ")
                       for part in _PRE.split(cleaned))
    return f'<div class="spread-prose">{one_line}</div>' if one_line.strip() else ""
