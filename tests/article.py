"""A built page's main content (its `<article>`), read as a list of tags and text, the same whatever engine
built it: what a reader gets from the page, without what differs between the two themes around it.

Kept: every element with its link, id, image and cell span, and the text between elements, with whitespace
collapsed. Left out: scripts and styles, the headings' permalink anchors, Zensical's skip-link target
(`__skip`), and the markup syntax highlighting puts inside code blocks (only a code block's text counts).
"""

from __future__ import annotations

from html.parser import HTMLParser

_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_KEPT = ("href", "id", "src", "colspan", "rowspan")


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.depth = 0  # inside <article>: how many elements deep
        self.hidden = 0  # inside something left out: how many elements deep
        self.unwrapped: list[int] = []  # depths of elements whose tags are left out but whose text counts
        self.in_code = False
        self.text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.out.append(text)
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        classes = found.get("class", "").split()
        if not self.depth:
            self.depth = int(tag == "article")
            return
        if self.hidden or tag in ("script", "style") or "headerlink" in classes or found.get("id") == "__skip":
            self.hidden += tag not in _VOID
            return
        if self.in_code or (tag == "div" and "highlight" in classes) or (tag == "code" and self.out[-1:] == ["<pre>"]):
            self.unwrapped.append(self.depth)
            self.depth += tag not in _VOID
            return
        self.in_code = tag == "pre"
        self._flush()
        self.out.append(f"<{tag}" + "".join(f" {k}={found[k]}" for k in _KEPT if k in found) + ">")
        self.depth += tag not in _VOID

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in _VOID:
            return
        if self.hidden:
            self.hidden -= 1
            return
        self.depth -= 1
        if self.unwrapped and self.unwrapped[-1] == self.depth:
            self.unwrapped.pop()
            return
        self.in_code = self.in_code and tag != "pre"
        self._flush()
        if self.depth:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.text.append(data)


def article(html: str) -> list[str]:
    """The page's article as tags and text (see the module's docstring)."""
    parser = _Article()
    parser.feed(html)
    parser.close()
    return parser.out
