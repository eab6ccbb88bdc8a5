"""Heavy raw HTML blocks kept out of MkDocs' Markdown and search pipeline, put back once a page is rendered.

The pages on disk are whole, so any engine builds them as they are; this is an optimisation of Spread's own
MkDocs build (`mkdocs_build`), which reads each page from memory in the form `split` gives.

Why: MkDocs' cost per page grows with the number of HTML elements it holds, even in raw HTML it only passes
through (Python-Markdown scans a raw block twice, Material's search plugin parses the whole article again,
sections excluded from search included). A site page's blocks are already escaped HTML, and the sections
they sit in are kept out of search (`data-search-exclude`), so MkDocs has nothing to do with them: each such
block is replaced by a one-line HTML comment, which Markdown passes through untouched, and the adapter puts
the block back into the rendered page (`restore`). Headings stay Markdown, so the table of contents, anchors,
and the search title and summary are what they were; so does every block of a section that is searched.

A placeholder that is not put back, or a block that finds no placeholder, fails the build: a page must never
ship with a comment where its content should be, nor lose content silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

PLACEHOLDER = "<!-- spread-deferred-block {} -->"
_PLACEHOLDER = re.compile(r"<!-- spread-deferred-block (\d+) -->")
# Tags that open and close a raw HTML block in Markdown (the generator writes these; see `markup`).
_BLOCK_TAGS = "table|dl|ul|ol|div|figure|details|p"
_OPENS = re.compile(rf"<({_BLOCK_TAGS})[\s>]")
_CLOSES = re.compile(rf"</({_BLOCK_TAGS})>\Z")
_HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)
_MARKDOWN_INSIDE = re.compile(r"^<div\b[^>\n]*\smarkdown[\s>]")


@dataclass(frozen=True)
class Split:
    """The pages that have deferred blocks, with placeholders in their place (`kept`), and the blocks (by page
    path)."""

    kept: dict[str, str] = field(default_factory=dict)
    blocks: dict[str, list[str]] = field(default_factory=dict)


class Unrestored(Exception):
    """A page's placeholders and its blocks do not match: the message says which page and which block."""


def _excluded_after(chunk: str, excluded: bool) -> bool:
    """Whether the section a chunk leaves open is kept out of search: its last heading says so."""
    headings = [m.start() for m in _HEADING.finditer(chunk)]
    if not headings:
        return excluded
    last = chunk[headings[-1]:].split("\n", 1)[0]
    return "data-search-exclude" in last


def split(page: str) -> tuple[str, list[str]]:
    """The page with each raw HTML block of a section kept out of search replaced by a placeholder, and the
    blocks, by number. Blocks are the generator's own: one block-level element opening a chunk (text between
    blank lines) and one closing it. Nothing inside a `markdown` container is taken, since Markdown reads it."""
    kept: list[str] = []
    blocks: list[str] = []
    excluded = False
    inside_markdown = 0
    for chunk in page.split("\n\n"):
        if _MARKDOWN_INSIDE.match(chunk):
            inside_markdown += 1
        elif inside_markdown and chunk == "</div>":
            inside_markdown -= 1
        elif excluded and not inside_markdown and _OPENS.match(chunk) and _CLOSES.search(block := chunk.rstrip("\n")):
            if kept and kept[-1] == PLACEHOLDER.format(len(blocks) - 1):
                # Blocks one after another share a placeholder, as written (Markdown keeps the blank line too).
                blocks[-1] += "\n\n" + block
                kept[-1] += chunk[len(block):]
            else:
                kept.append(PLACEHOLDER.format(len(blocks)) + chunk[len(block):])  # the page's last line break stays
                blocks.append(block)
            continue
        kept.append(chunk)
        excluded = _excluded_after(chunk, excluded)
    return ("\n\n".join(kept), blocks) if blocks else (page, [])


def split_pages(pages: Mapping[str, str]) -> Split:
    """Every Markdown page that has blocks to defer, split."""
    found = Split()
    for rel, page in pages.items():
        kept, blocks = split(page) if rel.endswith(".md") else (page, [])
        if blocks:
            found.kept[rel], found.blocks[rel] = kept, blocks
    return found


def restore(rel: str, rendered: str, blocks: Sequence[str]) -> str:
    """The rendered page with each placeholder replaced by its block, exactly once each."""
    placed: set[int] = set()

    def put(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(blocks) or number in placed:
            raise Unrestored(f"{rel}: placeholder {number} has no block to put back")
        placed.add(number)
        return blocks[number]

    out = _PLACEHOLDER.sub(put, rendered) if blocks or "spread-deferred-block" in rendered else rendered
    if len(placed) != len(blocks):
        missing = min(set(range(len(blocks))) - placed)
        raise Unrestored(f"{rel}: block {missing} lost its placeholder in rendering")
    return out
