"""Raw HTML building blocks for the heavy parts of generated pages: tables, records, lists and notes.

Why HTML rather than Markdown there: a site page is built thousands of times over, and every element costs
MkDocs the same whether it was written in Markdown or HTML (it is parsed two or three times either way), so
what matters is writing as few elements as possible, which HTML lets us decide exactly; and Markdown passes a
raw HTML block through without reading it for emphasis, links or attribute lists, so user text needs only
HTML escaping there. MkDocs does not check links inside raw HTML: every `href` comes from `paths.url`, and
`links.broken` checks them all against the generated files before the build.

Cells and items given to these functions are already HTML; user strings go through `inline` first. Each
block is one line: whitespace between elements would only be more for MkDocs to parse.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable, Sequence

from spread.handbook.escaping import spans

# Text that is already its own HTML: no character to escape, no code span, no whitespace but single spaces, no
# control character.
_PLAIN = re.compile(r"(?:[^&<>`\s\x00-\x1f\x7f]+(?: [^&<>`\s\x00-\x1f\x7f]+)*)?")


def inline(value: object) -> str:
    """Short user text as HTML: escaped, whitespace collapsed, `code in backticks` shown as code (the same
    reading `escaping.text` gives in Markdown)."""
    plain = str(value)
    if _PLAIN.fullmatch(plain):  # most values: names, dates, words from the playbook (thousands per page set)
        return plain
    return "".join(f"<code>{_html.escape(piece, quote=False)}</code>" if code else _html.escape(piece, quote=False)
                   for piece, code in spans(plain))


def attr(value: object) -> str:
    """A value inside an attribute's double quotes."""
    return _html.escape(str(value), quote=True)


def a(href: str, label: str) -> str:
    """A link; `href` from `paths.url` (already an attribute value), `label` already HTML."""
    return f'<a href="{href}">{label}</a>'


def _class(cls: str) -> str:
    return f' class="{cls}"' if cls else ""


def para(body: str, cls: str = "") -> str:
    return f"<p{_class(cls)}>{body}</p>" if body else ""


def table(header: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """A table with a header row. Rows go on lines of their own, so that a search index or a text browser
    never runs two rows' words together."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table{_class(cls)}><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def record(pairs: Iterable[tuple[str, str]], cls: str = "spread-record") -> str:
    """A definition list: the way this handbook shows a record (a term, then its value); empty values are left
    out."""
    return f"<dl{_class(cls)}>" + "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in pairs if value) + "</dl>"


def bullets(items: Iterable[str], cls: str = "") -> str:
    found = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul{_class(cls)}>{found}</ul>" if found else ""


def details(summary: str, body: str, kind: str = "info") -> str:
    """A collapsed block drawn like Material's own (`??? info`): detail most readers can skip."""
    return f'<details class="{kind}"><summary>{summary}</summary>{body}</details>'


def note(kind: str, title: str, body: str) -> str:
    """A call-out drawn like Material's own admonition (`!!! warning`)."""
    return f'<div class="admonition {kind}"><p class="admonition-title">{title}</p>{body}</div>'
