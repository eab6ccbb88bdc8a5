"""The generator's own link check, for the links MkDocs does not check: those inside raw HTML blocks.

MkDocs in strict mode fails on a broken Markdown link, but it passes raw HTML through as written. The
generator knows every file it writes, so each `href` in a generated page is resolved here against those
files (and the anchor against the ids its target page declares) before MkDocs runs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from urllib.parse import unquote

_HREF = re.compile(r'<a href="([^"#:]*)(?:#([^"]*))?"')
# The ids a generated page declares: in raw HTML, and in a Markdown heading's attribute list `{ #id … }`.
_IDS = re.compile(r'\sid="([^"]+)"|\{ ?#([^\s}]+)')


def _ids(page: str) -> set[str]:
    return {a or b for a, b in _IDS.findall(page)}


def broken(pages: Mapping[str, str], files: set[str]) -> list[str]:
    """Every link in a raw HTML block of `pages` (Markdown by path) to a file outside `files`, or to an id its
    target page does not declare, as `page: link`."""
    found: list[str] = []
    ids: dict[str, set[str]] = {}
    for rel, text in pages.items():
        if not rel.endswith(".md") or "<a href=" not in text:
            continue
        folder = posixpath.dirname(rel)
        for href, anchor in _HREF.findall(text):
            target = posixpath.normpath(posixpath.join(folder, unquote(href))) if href else rel
            source = target[:-5] + ".md" if target.endswith(".html") else target
            if source not in files:
                found.append(f"{rel}: {href}")
            elif anchor and source in pages:
                if source not in ids:
                    ids[source] = _ids(pages[source])
                if unquote(anchor) not in ids[source]:
                    found.append(f"{rel}: {href}#{anchor}")
    return found
