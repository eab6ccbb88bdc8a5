"""Editing a YAML file in place, touching only the lines that change.

A round-trip dump re-indents, re-wraps and re-quotes the parts it did not need to touch; people's site
files are hand-written and commented, and a reviewer should see a diff of what changed and nothing else.
So we parse with ruamel.yaml only to learn where each value starts and ends, and splice text there:
every byte outside the edited spans stays as it was, comments included.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from spread.yaml.render import scalar

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Entry:
    """A sequence item to add: its block text at column 0 (`- key: …` lines), and its data for flow lists."""

    block: str
    data: dict[str, Any]


def block_of(data: dict[str, Any]) -> str:
    """A mapping as a block sequence item at column 0; lists of strings become nested `- ` lines."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, list):
            lines += [f"  {key}:", *(f"    - {scalar(str(v))}" for v in value)]
        else:
            lines.append(f"  {key}: {scalar(str(value))}")
    return "- " + "\n".join(lines)[2:]


class Editor:
    """Collects edits against one text and applies them together, so every position refers to the original."""

    def __init__(self, text: str) -> None:
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.text = text[len(self.bom):]
        self.nl = "\r\n" if "\r\n" in self.text else "\n"
        root = YAML(typ="safe", pure=True).compose(self.text)
        if not isinstance(root, MappingNode) or root.flow_style:
            raise ValueError("the file is not a block mapping")
        self.root: MappingNode = root
        self.edits: list[tuple[int, int, int, str]] = []

    def node(self, path: Path) -> Node | None:
        node: Node | None = self.root
        for step in path:
            if isinstance(node, MappingNode) and isinstance(step, str):
                node = next((v for k, v in node.value if k.value == step), None)
            elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                return None
        return node

    def _edit(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, len(self.edits), text.replace("\n", self.nl)))

    def result(self) -> str:
        text = self.text
        # Later spans first, so earlier offsets stay valid; at one offset, inserts keep the order they were made.
        for start, end, _, new in sorted(self.edits, key=lambda e: (e[0], e[1] > e[0], e[2]), reverse=True):
            text = text[:start] + new + text[end:]
        return self.bom + text

    # Positions --------------------------------------------------------------------------------------------
    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def content_end(self, node: Node) -> int:
        """Just after the newline that ends the node's last line (a trailing comment on it included)."""
        last = node
        while isinstance(last, (MappingNode, SequenceNode)) and last.value and not last.flow_style:
            last = last.value[-1][1] if isinstance(last, MappingNode) else last.value[-1]
        end = last.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        newline = self.text.find("\n", end)
        return len(self.text) if newline < 0 else newline + 1

    def _value_end(self, key: Node, value: Node) -> int:
        # An empty value (`key:` alone) has no text of its own: its line is the key's.
        return self.content_end(value if value.end_mark.index > value.start_mark.index else key)

    def dash_line(self, item: Node) -> int:
        """The start of the line holding an item's `- `."""
        at = item.start_mark.index - 1
        while at > 0 and self.text[at] in " \t\r\n":
            at -= 1
        return self.line_start(at if self.text[at] == "-" else item.start_mark.index)

    def item_start(self, item: Node) -> int:
        """Where an item's text begins: the comment lines right above it are about it, and go where it goes."""
        start = self.dash_line(item)
        dash = self._column(self.text.index("-", start))
        while start > 0:
            above = self.line_start(start - 1)
            line = self.text[above:start]
            # Deeper comments belong to the item before, as its last lines do.
            if not line.strip().startswith("#") or len(line) - len(line.lstrip()) > dash:
                break
            start = above
        return start

    def _column(self, offset: int) -> int:
        return offset - self.line_start(offset)

    def _at_end(self, offset: int, text: str) -> str:
        # A file without a final newline gets one before anything is added after its last line.
        return "\n" + text if offset == len(self.text) and not self.text.endswith("\n") else text

    # Edits ------------------------------------------------------------------------------------------------
    def set_scalar(self, path: Path, value: str | None) -> None:
        """Replace one scalar value, keeping its quotes; None writes `null`."""
        node = self.node(path)
        assert isinstance(node, ScalarNode), path
        quote = node.style if node.style in ("'", '"') else None
        text = "null" if value is None else f"{quote}{value}{quote}" if quote and value.isprintable() \
            and quote not in value else scalar(value)
        end = node.end_mark.index
        if node.style in ("|", ">"):  # a block scalar runs to the start of the next line: keep that newline
            end = self.content_end(node) - len(self.nl)
        self._edit(node.start_mark.index, end, text)

    def set_key(self, path: Path, key: str, value: str | None) -> None:
        """Set `key` in the mapping at `path`: replace its value, or add it as the mapping's last key."""
        mapping = self.node(path)
        assert isinstance(mapping, MappingNode), path
        if self.node((*path, key)) is not None:
            self.set_scalar((*path, key), value)
        elif value is not None and mapping.flow_style:
            close = self.text.rindex("}", 0, mapping.end_mark.index)
            self._edit(close, close, f"{', ' if mapping.value else ''}{key}: {scalar(value)}")
        elif value is not None:
            column = self._column(mapping.value[0][0].start_mark.index)
            end = self.content_end(mapping)
            self._edit(end, end, self._at_end(end, f"{' ' * column}{key}: {scalar(value)}\n"))

    def remove_items(self, path: Path, indexes: Sequence[int]) -> None:
        """Delete items of a block sequence; an emptied sequence becomes `[]` on its key's line."""
        seq = self.node(path)
        assert isinstance(seq, SequenceNode) and not seq.flow_style, path
        for i in indexes:
            item = seq.value[i]
            self._edit(self.item_start(item), self.content_end(item), "")

    def replace(self, path: Path, text: str) -> None:
        """Replace a whole value (used for a list written on one line, which is rewritten as JSON)."""
        node = self.node(path)
        assert node is not None, path
        self._edit(node.start_mark.index, node.end_mark.index, text)

    def dash_column(self, key: str) -> int | None:
        """The column of the `- ` of a top-level block list's first item, to indent new lists alike."""
        seq = self.node((key,))
        if not isinstance(seq, SequenceNode) or seq.flow_style or not seq.value:
            return None
        return self._column(self.text.index("-", self.dash_line(seq.value[0])))

    def empty(self, path: Path) -> None:
        """Write `key: []` for a block sequence whose every item is being removed."""
        key = next(k for k, v in self.root.value if k.value == path[0])
        colon = self.text.index(":", key.end_mark.index)
        self._edit(colon + 1, colon + 1, " []")

    def item_block(self, path: Path, index: int, extra: dict[str, str], only: Sequence[str] | None = None) -> str:
        """The text of one block item, moved to column 0, with extra `key: value` lines after its last line; with
        `only`, just the lines of those keys of a mapping (and the comments above the item)."""
        seq = self.node(path)
        assert isinstance(seq, SequenceNode), path
        item = seq.value[index]
        start, end = self.item_start(item), self.content_end(item)
        dash = self._column(self.text.index("-", self.dash_line(item)))
        text = self.text[start:end]
        if only is not None and isinstance(item, MappingNode) and not item.flow_style:
            keys = item.value[0][0].start_mark.index
            # The comment lines above the item, then each kept key from the start of its line to the end of its value.
            text = self.text[start:self.line_start(keys)] + "".join(
                self.text[self.line_start(k.start_mark.index):self._value_end(k, v)]
                for k, v in item.value if k.value in only)
            if item.value[0][0].value not in only:  # the first kept key takes the item's `- `
                head = self.line_start(keys) - start
                column = self._column(keys)
                text = text[:head] + " " * dash + "- " + text[head + column:]
        lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
        lines = [line[dash:] if line[:dash].strip() == "" else line.lstrip() for line in lines]
        if isinstance(item, MappingNode) and item.flow_style:
            text = "\n".join(lines)
            close = text.rindex("}")
            return text[:close] + "".join(f", {k}: {scalar(v)}" for k, v in extra.items()) + text[close:]
        column = self._column(item.start_mark.index) - dash
        lines += [f"{' ' * column}{k}: {scalar(v)}" for k, v in extra.items()]
        return "\n".join(lines)

    def append(self, key: str, entries: Sequence[Entry], after: Sequence[str], column: int = 2) -> None:
        """Add items to the top-level list `key`, creating it after the last present key of `after` if needed."""
        if not entries:
            return
        seq = self.node((key,))
        if isinstance(seq, SequenceNode) and seq.flow_style and seq.value:
            close = self.text.rindex("]", 0, seq.end_mark.index)
            data = "".join(", " + json.dumps(e.data, ensure_ascii=False) for e in entries)
            self._edit(close, close, data)
            return
        head = ""
        if isinstance(seq, SequenceNode) and seq.value:
            column = self.dash_column(key) or column
            end = self.content_end(seq)
        elif seq is not None:  # `key:`, `key: []` or `key: null`: the items go on the lines below the key
            key_node = next(k for k, v in self.root.value if v is seq)
            if seq.end_mark.index > seq.start_mark.index:
                self._edit(self.text.index(":", key_node.end_mark.index) + 1, seq.end_mark.index, "")
            end = self._value_end(key_node, seq)
        else:
            present = [(k, v) for k, v in self.root.value if k.value in after]
            end = self._value_end(*present[-1]) if present else len(self.text)
            head = f"{key}:\n"
        body = "\n".join(" " * column + line if line.strip() else line
                         for e in entries for line in e.block.split("\n"))
        self._edit(end, end, self._at_end(end, head + body + "\n"))
