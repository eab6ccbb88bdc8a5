"""Making user-supplied text safe to place in a generated Markdown page.

Every string that comes from a playbook, site or audit goes through one of these functions on its way into a
page, so that a title containing `<script>` shows the text and runs nothing. `text` is for short fields
(titles, names, table cells): no Markdown at all. `long_text` is for the few long fields where people may write
Markdown (a description, guidance, notes): headings, lists, emphasis and web links work, raw HTML never passes
through, and links go nowhere but the open web. `html` is for values placed inside raw HTML (charts, cards).
"""

from __future__ import annotations

import html as _html
import re

# Characters that mean something anywhere in a line of Markdown. `{` and `}` matter most: with attr_list on,
# `{ onclick=… }` in a title would otherwise add an attribute to the heading. Escaping no more than needed
# matters too: every escape is work for the Markdown parser, thousands of times over in a large handbook.
_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
# …and what means something only at the start of a line: a list item or a numbered list.
_LEADING = re.compile(r"^([+-](?=\s|[-\s]*$)|\d+(?=[.)](\s|$)))")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_HEADING = re.compile(r"^(#{1,6})(\s)")
# Inline links and images `[text](url …)` and reference definitions `[id]: url`.
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*((?:[^()\s]|\([^()\s]*\))*)[^)\n]*\)")
_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]\n]+\]:)\s*(\S+).*$")
SAFE_SCHEMES = ("https://", "http://", "mailto:")


def html(value: object) -> str:
    """A value as HTML text or attribute content."""
    return _html.escape(str(value), quote=True)


def text(value: object) -> str:
    """A short plain-text value as Markdown inline text: shown as written, never interpreted, except that
    `code in backticks` shows as code (people write commands that way; Markdown escapes code itself).

    Whitespace (line breaks included) collapses to single spaces, so a value cannot start a new block
    or break out of a table cell."""
    plain = " ".join(str(value).split())
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(plain):
        parts += [_SPECIAL.sub(r"\\\1", _html.escape(plain[last:match.start()], quote=False)), match.group(0)]
        last = match.end()
    escaped = "".join([*parts, _SPECIAL.sub(r"\\\1", _html.escape(plain[last:], quote=False))])
    lead = _LEADING.match(escaped)
    if lead is None:
        return escaped
    if lead.group(1)[0].isdigit():  # `1. ` or `1) ` would start a numbered list: escape its dot or bracket
        end = lead.end()
        return f"{escaped[:end]}\\{escaped[end:]}"
    return "\\" + escaped


def safe_url(url: str) -> str | None:
    """The URL if it is an ordinary web or mail link, else None (no `javascript:`, no relative paths)."""
    url = url.strip()
    return url if url.lower().startswith(SAFE_SCHEMES) and not any(c in url for c in "<>\"'` ") else None


def link(label: str, url: str | None) -> str:
    """A web link for a URL from the user's data, or just the label when the URL is not a safe web link."""
    safe = safe_url(url) if url else None
    return f"[{text(label)}](<{safe}>)" if safe else text(label)


def _inline(line: str) -> str:
    """One line of user Markdown outside code: no HTML, no attribute lists, only safe links, no images."""
    parts = []
    last = 0
    for match in _CODE_SPAN.finditer(line):  # code spans are escaped by Markdown itself
        parts.append(_neutralise(line[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_neutralise(line[last:]))
    return "".join(parts)


def _neutralise(chunk: str) -> str:
    chunk = chunk.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")

    def one(match: re.Match[str]) -> str:
        bang, label, url = match.groups()
        safe = None if bang else safe_url(url)
        return f"[{label}](<{safe}>)" if safe else label

    chunk = _LINK.sub(one, chunk)
    reference = _REFERENCE.match(chunk)
    if reference and safe_url(reference.group(2)) is None:
        return text(chunk)
    return chunk


def long_text(value: str, top: int = 3) -> str:
    """User Markdown from a long-text field, sanitised; its headings are moved down so that the biggest
    becomes level `top` and sits under the page's own headings."""
    lines = value.strip("\n").splitlines()
    levels = [len(m.group(1)) for line in lines if (m := _HEADING.match(line))]
    shift = top - min(levels) if levels else 0
    out, fence = [], None
    for line in lines:
        opened = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            line = "#" * min(6, len(heading.group(1)) + shift) + line[len(heading.group(1)):]
        out.append(_inline(line))
    if fence is not None:  # an unclosed fence would swallow the rest of the page
        out.append(fence)
    return "\n".join(out)
