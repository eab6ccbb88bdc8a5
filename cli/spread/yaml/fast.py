"""A fast first reading of a YAML file: plain data without positions, or None whenever in any doubt.

Most files in a big network are fine, and a fine file needs no positions. The careful path
(`spread.yaml.read`) composes nodes with ruamel.yaml's C parser, then resolves every plain scalar through
ruamel's versioned resolver and records every position, all in slow Python. Here the same C parser
composes the nodes (so exactly the same texts parse, and to the same scalars: PyYAML's newer libyaml
accepts `[a:b]`, which ruamel's refuses), plain scalars are resolved by ruamel's own YAML 1.2 rules
copied below, and no position is kept. We give up — returning None, so that the caller takes the careful
path — on anything the careful path treats specially: explicit tags, anchors and aliases, directives,
merge keys, duplicate keys, odd keys, deep nesting, syntax errors. Tests compare both paths.
"""

from __future__ import annotations

import sys
from typing import Any

from ruamel.yaml.nodes import ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

try:  # ruamel.yaml.clib: libyaml, as ruamel.yaml bundles it (and as the careful path uses it)
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - only where the C extension cannot be installed (PyPy)
    CParser = None

from spread.yaml.document import Key, Positions
from spread.yaml.plain import read_plain
from spread.yaml.read import MAX_DEPTH, MAX_VALUES, SAFE_DEPTH, nesting_bound, to_float, to_int
from spread.yaml.resolver import resolve

# ruamel's nodes keep their tag as a `Tag`; handing them ours, made once, saves making (and decoding)
# one for every scalar, and tells ours from explicit tags by identity.
STR, BOOL, FLOAT, INT, NULL, TIMESTAMP, SEQ, MAP, REFUSED = (
    Tag(suffix=name) for name in ("str", "bool", "float", "int", "null", "timestamp", "seq", "map", "refused"))
_TAGS = {"str": STR, "bool": BOOL, "float": FLOAT, "int": INT, "null": NULL, "timestamp": TIMESTAMP,
         "refused": REFUSED}


class _Doubt(Exception):
    """Something the careful path should look at."""


class _Parser(CParser or object):  # type: ignore[misc]
    """libyaml's composer, with our resolver; an explicit tag reaches the nodes as a new `Tag`, never ours."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> Tag:
        if kind is ScalarNode:
            return _TAGS[resolve(value)] if implicit[0] and value is not None else STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, parent: object, index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def fast_parse(raw: bytes, memo: dict[str, str] | None = None) -> Any | None:
    """The file's data exactly as `spread.yaml.read.parse_document` would read it, or None to say "ask it".

    Equal texts share one string through `memo` (evidence, sources, roles repeat across thousands of audits),
    and keys are interned: a network's data then takes a third of the memory.
    """
    memo = {} if memo is None else memo
    text = _decoded(raw)
    if text is None:
        return None
    data = read_plain(text, memo)  # most files: a quarter of the cost of composing them with libyaml
    if data is not None:
        return data
    node = _compose_text(raw, text)
    try:
        return None if node is None else _build(node, 0, memo)
    except Exception:  # noqa: BLE001  a doubt, or a number Python cannot read: the careful path says what
        return None


def fast_positions(raw: bytes) -> tuple[Positions, Positions] | None:
    """Where each value and each key starts, exactly as the careful path finds them, or None to say "ask it"."""
    node = _compose(raw)
    try:
        if node is None or _build(node, 0, {}) is None:  # what the fast path would not read, it cannot place
            return None
    except Exception:  # noqa: BLE001
        return None
    values: Positions = {}
    keys: Positions = {}
    _place(node, (), values, keys)
    return values, keys


def _decoded(raw: bytes) -> str | None:
    # Below MAX_VALUES / 2 bytes and without anchors, a file cannot reach the careful path's value limit.
    if CParser is None or len(raw) > MAX_VALUES // 2 or b"\x00" in raw:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _compose(raw: bytes) -> Any | None:
    text = _decoded(raw)
    return None if text is None else _compose_text(raw, text)


def _compose_text(raw: bytes, text: str) -> Any | None:
    if b"&" in raw or nesting_bound(raw) > SAFE_DEPTH:
        return None
    if text.startswith("%") or "\n%" in text:
        return None  # a directive (`%YAML`, `%TAG`): let the careful path judge it
    parser = _Parser(text)
    try:
        return parser.get_single_node()
    except Exception:  # noqa: BLE001  a syntax error: the careful path words it
        return None
    finally:
        parser.dispose()


def _place(node: Any, where: Key, values: Positions, keys: Positions) -> None:
    values[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.ctag is MAP:
        for key_node, value_node in node.value:
            keys[(*where, key_node.value)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _place(value_node, (*where, key_node.value), values, keys)
    elif node.ctag is SEQ:
        for index, child in enumerate(node.value):
            _place(child, (*where, index), values, keys)


def _build(node: Any, depth: int, memo: dict[str, str]) -> Any:
    if depth > MAX_DEPTH:
        raise _Doubt
    tag = node.ctag
    if tag is MAP:
        if depth >= MAX_DEPTH and node.value:  # its values would be too deep for the careful path
            raise _Doubt
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.ctag is not STR:  # a number, a date, a list…: refused where the careful path refuses
                if not isinstance(key_node, ScalarNode):
                    raise _Doubt
                _scalar(key_node.ctag, key_node.value, memo)
            # A key is the text as written, whatever it resolves to (as in the careful path).
            key = sys.intern(key_node.value)
            if key in result:
                raise _Doubt
            # Most values are plain text: spare them a call (this loop runs for every value of 50,000 files).
            value_tag = value_node.ctag
            if value_tag is STR:
                result[key] = memo.setdefault(value_node.value, value_node.value)
            elif value_tag is MAP or value_tag is SEQ:
                result[key] = _build(value_node, depth + 1, memo)
            else:
                result[key] = _scalar(value_tag, value_node.value, memo)
        return result
    if tag is SEQ:
        return [_build(child, depth + 1, memo) for child in node.value]
    return _scalar(tag, node.value, memo)


def _scalar(tag: Tag, text: str, memo: dict[str, str]) -> Any:
    if tag is STR or tag is TIMESTAMP:
        return memo.setdefault(text, text)
    if tag is INT:
        return to_int(text)
    if tag is FLOAT:
        return to_float(text)
    if tag is NULL:
        return None
    if tag is BOOL:
        return text.lower() == "true"
    raise _Doubt  # an explicit tag, a merge key
