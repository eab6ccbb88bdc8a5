"""Reading YAML safely with the position of every value.

Files are parsed once, to YAML nodes, by ruamel.yaml's C parser (YAML 1.2: `on` and `yes` stay text).
We build plain data from the nodes ourselves so that we can refuse what a Spread file must never hold —
duplicate keys, language-specific tags, alias bombs, absurd nesting — and keep every value's line and
column for error messages. Dates stay as the text the user wrote; the schema and the rules check them.
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spread.errors import Problem
from spread.yaml.document import Document, Key, Positions

if TYPE_CHECKING:  # ruamel.yaml is imported only to parse: `spread --help` and completion must stay fast
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.nodes import Node, ScalarNode

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
# A YAML alias can repeat a whole subtree; a few nested aliases can expand to billions of values.
MAX_VALUES = 200_000

# libyaml composes nested collections recursively in C: tens of thousands of levels overflow the C stack.
SAFE_DEPTH = 2000

TAG = "tag:yaml.org,2002:"


def positions(raw: bytes, path: Path) -> tuple[Positions, Positions]:
    """The position tables (values, keys) of a file's text, by the careful path; empty if it cannot be read."""
    doc = parse_document(raw, path)
    return (doc.values, doc.keys) if isinstance(doc, Document) else ({}, {})


class _Invalid(Exception):
    def __init__(self, line: int, col: int, message: str, rule: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.rule = line, col, message, rule


def _problem(path: str, line: int, col: int, message: str, rule: str) -> Problem:
    return Problem(path, line, col, "error", message, rule)


def read_document(path: Path, shown: str | None = None, *, limit: int = MAX_BYTES) -> Document | Problem:
    """Parse one YAML file of at most `limit` bytes, or say in one line why it cannot be read."""
    shown = shown or path.as_posix()
    try:
        raw = _read(path, limit)
    except FileNotFoundError:
        return _problem(shown, 1, 1, "file not found: check the path", "file-missing")
    except IsADirectoryError:
        return _problem(shown, 1, 1, "this is a folder, not a YAML file", "file-unreadable")
    except OSError as exc:
        return _problem(shown, 1, 1, f"cannot read this file ({exc.strerror}): check its permissions", "file-unreadable")
    if raw is None:
        return _problem(shown, 1, 1, "this is not a file but a device, a pipe or a socket: give the path of a YAML "
                        "file", "file-unreadable")
    if len(raw) > limit:
        size = len(raw)
        with suppress(OSError):
            size = max(size, path.stat().st_size)
        return _problem(shown, 1, 1, f"this file is {size / 1048576:.1f} MB; Spread reads files up to "
                        f"{limit / 1048576:g} MB. Is it the right file?", "file-too-large")
    return parse_document(raw, path, shown)


def _read(path: Path, limit: int) -> bytes | None:
    """Up to `limit` + 1 bytes of a regular file (more than `limit`: too large); None for a device or a pipe,
    which could be endless (/dev/zero). Opened without blocking, so that a pipe cannot hang the open."""
    with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            return None
        # Asking for limit + 1 bytes at once would allocate them all: ask for its size, and more if it grew.
        raw = handle.read(min(info.st_size, limit) + 1)
        return raw + handle.read(limit + 1 - len(raw)) if info.st_size < len(raw) <= limit else raw


def parse_document(raw: bytes, path: Path, shown: str | None = None) -> Document | Problem:
    shown = shown or path.as_posix()
    if b"\x00" in raw:
        return _problem(shown, 1, 1, "this is a binary file, not YAML text: check you saved the right file", "file-binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return _problem(shown, line, col, "this file is not UTF-8 text: save it as UTF-8 in your editor", "file-encoding")
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        if nesting_bound(raw) > SAFE_DEPTH:
            deep = _first_too_deep(text)
            if deep is not None:
                return _problem(shown, *deep, f"values are nested more than {MAX_DEPTH} levels deep here: "
                                "Spread files are never this deep", "yaml-too-deep")
        node = YAML(typ="safe", pure=False).compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        lines = text.splitlines()
        bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
        return _problem(shown, line, col, _plain_syntax_message(exc, bad_line), "yaml-syntax")
    except YAMLError as exc:
        return _problem(shown, 1, 1, f"this is not valid YAML: {exc}", "yaml-syntax")
    except RecursionError:
        return _problem(shown, 1, 1, "this file is nested too deeply to be a Spread file", "yaml-too-deep")
    if node is None:
        return _problem(shown, 1, 1, "this file is empty: it should hold a YAML mapping of fields", "yaml-empty")
    builder = _Builder()
    try:
        data = builder.build(node, (), 0)
    except _Invalid as exc:
        return _problem(shown, exc.line, exc.col, exc.message, exc.rule)
    return Document(path, data, builder.values, builder.keys)


def nesting_bound(raw: bytes) -> int:
    """A quick upper bound on how deeply a YAML text nests: every level opens with `:`, `?`, `-`, `[` or `{`."""
    return sum(raw.count(char) for char in (b":", b"?", b"-", b"[", b"{"))


def _first_too_deep(text: str) -> tuple[int, int] | None:
    # Only for texts that might nest deep enough to crash libyaml's composer: events do not recurse.
    from ruamel.yaml import YAML
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in YAML(typ="safe", pure=False).parse(text):
        if depth > MAX_DEPTH and not isinstance(event, CollectionEndEvent):
            return event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, CollectionStartEvent):
            depth += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def _plain_syntax_message(exc: MarkedYAMLError, bad_line: str) -> str:
    problem = (exc.problem or "").strip()
    indent = bad_line[: len(bad_line) - len(bad_line.lstrip())]
    if "\t" in indent or "\\t" in problem:
        return "a tab is used for indenting: YAML needs spaces (use two spaces per level)"
    if "mapping values are not allowed" in problem:
        return "unexpected `:` here: put text that contains `: ` in quotes, or check the indentation of this line"
    if "could not find expected ':'" in problem:
        return "a line here is missing its `:` (write `field: value`), or a quote was left open"
    if "found unexpected end of stream" in problem:
        return "the file ends inside an open quote or bracket: close it"
    context = (exc.context or "").strip()
    detail = "; ".join(x for x in (context, problem) if x)
    return f"this is not valid YAML ({detail}): check the indentation and quotes on this line"


class _Builder:
    def __init__(self) -> None:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.MappingNode, self.ScalarNode, self.SequenceNode = MappingNode, ScalarNode, SequenceNode
        self.values: Positions = {}
        self.keys: Positions = {}
        self.count = 0

    def build(self, node: Node, where: Key, depth: int) -> Any:
        self.count += 1
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if self.count > MAX_VALUES:
            raise _Invalid(line, col, "this file expands to too many values (YAML aliases repeat a lot of data): "
                           "write the data out plainly", "yaml-too-large")
        if depth > MAX_DEPTH:
            raise _Invalid(line, col, f"values are nested more than {MAX_DEPTH} levels deep here: "
                           "Spread files are never this deep", "yaml-too-deep")
        self.values.setdefault(where, (line, col))
        if isinstance(node, self.MappingNode):
            if node.tag != TAG + "map":
                raise self._tag_error(node)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self._key(key_node)
                if key in result:
                    first = self.keys[(*where, key)]
                    raise _Invalid(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                   f"`{key}` appears twice in this mapping (first on line {first[0]}): "
                                   "keep one and delete the other", "yaml-duplicate-key")
                self.keys[(*where, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, (*where, key), depth + 1)
            return result
        if isinstance(node, self.SequenceNode):
            if node.tag != TAG + "seq":
                raise self._tag_error(node)
            return [self.build(child, (*where, i), depth + 1) for i, child in enumerate(node.value)]
        assert isinstance(node, self.ScalarNode)
        return self._scalar(node)

    def _key(self, node: Node) -> str:
        if not isinstance(node, self.ScalarNode):
            raise _Invalid(node.start_mark.line + 1, node.start_mark.column + 1,
                           "a field name here is a list or mapping: field names must be plain words", "yaml-bad-key")
        value = self._scalar(node)
        # Integer keys are normal in anchors (`1: …`); JSON has only string keys, so they become text.
        return value if isinstance(value, str) else str(node.value)

    def _scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == TAG + "str" or tag == TAG + "timestamp":
            return text
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            return text.lower() == "true"
        try:
            if tag == TAG + "int":
                return to_int(text)
            if tag == TAG + "float":
                return to_float(text)
        except ValueError:  # `0x_` or `._` pass ruamel's number patterns but are no number: keep the text
            return text
        raise self._tag_error(node)

    @staticmethod
    def _tag_error(node: Node) -> _Invalid:
        tag = str(node.tag).replace(TAG, "!!")
        return _Invalid(node.start_mark.line + 1, node.start_mark.column + 1,
                        f"the tag `{tag}` is not allowed: Spread files hold only text, numbers, "
                        "true/false, lists and mappings", "yaml-unsafe-tag")


def to_int(text: str) -> int:
    clean = text.replace("_", "").lower()
    sign = -1 if clean.startswith("-") else 1
    clean = clean.lstrip("+-")
    for prefix, base in (("0o", 8), ("0x", 16), ("0b", 2)):
        if clean.startswith(prefix):
            return sign * int(clean[2:], base)
    return sign * int(clean)


def to_float(text: str) -> float:
    clean = text.replace("_", "").lower()
    if clean.lstrip("+-") in (".inf", "inf"):
        return float("-inf") if clean.startswith("-") else float("inf")
    if clean in (".nan", "nan"):
        return float("nan")
    return float(clean)
