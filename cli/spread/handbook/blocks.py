"""Small Markdown building blocks. Cells and items given to them are already-escaped Markdown."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from spread.handbook.escaping import html


def front_matter(title: str, *hide: str) -> str:
    """The page's front matter. Material prints `title` into `<title>` and the navigation as it is, without
    escaping, so it is stored HTML-escaped; `hide` can remove the navigation or table of contents."""
    lines = ["---", f"title: {json.dumps(html(' '.join(title.split())))}"]
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")
    return "\n".join([*lines, "---", ""])


def heading(level: int, title: str, anchor: str = "", indexed: bool = True) -> str:
    """A Markdown heading (so it reaches the table of contents), with a fixed id when other pages link to it.

    `indexed=False` keeps the section out of Material's search index (`data-search-exclude`): a site page
    keeps only its title and summary there, so a search finds a site by its name without returning
    thousands of "Adoption record" sections, and the index stays small enough to load in a browser."""
    attrs = " ".join(part for part in (f"#{anchor}" if anchor else "", "" if indexed else "data-search-exclude")
                     if part)
    return f"{'#' * level} {title}" + (f" {{ {attrs} }}" if attrs else "")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    body = [f"| {' | '.join(header)} |", f"|{'|'.join('---' for _ in header)}|"]
    body += [f"| {' | '.join(cell or ' ' for cell in row)} |" for row in rows]
    return "\n".join(body)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def checklist(items: Iterable[str]) -> str:
    """Steps with an empty box to tick on paper. Drawn as text, not as form checkboxes: a checkbox that
    cannot be ticked on screen, and has no label, only confuses a screen reader."""
    steps = "\n".join(f"- ☐ {item}" for item in items)
    return f'<div class="spread-steps" markdown>\n\n{steps}\n\n</div>'


def section(*parts: str) -> str:
    """Blocks joined by blank lines, empty ones left out."""
    return "\n\n".join(part.strip("\n") for part in parts if part and part.strip())
