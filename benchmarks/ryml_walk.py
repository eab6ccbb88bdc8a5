"""rapidyaml as a drop-in for Spread's plain reader: its tree, walked into plain data with Spread's resolver.

rapidyaml (module `ryml`) parses into a tree of raw scalar text and style flags; it builds no Python data
and decides no scalar's type. So this walk is part of the candidate: plain scalars are typed as the hand reader
types them (`spread.yaml.plain`, by ruamel.yaml's YAML 1.2 rules in `spread.yaml.resolver`), quoted and block scalars
stay text, keys are the text as written, and equal texts share one string as in the plain reader. It steps
aside (None) where the careful path treats a file specially: tags, anchors and aliases, duplicate keys,
keys that are not plain text, merge and value keys, several documents, deep nesting.
"""

from __future__ import annotations

import sys
from typing import Any

import ryml  # type: ignore[import-not-found]
from ryml import _ryml  # type: ignore[import-not-found]

from spread.yaml.plain import _plain as plain_value  # typed as the hand reader types a plain scalar
from spread.yaml.resolver import resolve

_NONE = ryml.NONE
_MAP, _SEQ, _DOC, _STREAM, _VAL = ryml.MAP, ryml.SEQ, ryml.DOC, ryml.STREAM, ryml.VAL
_ODD = ryml.KEYTAG | ryml.VALTAG | ryml.KEYANCH | ryml.VALANCH | ryml.KEYREF | ryml.VALREF | ryml.KEYNIL
_DEEPEST = 60  # the careful path refuses more than 64 levels
# The tree's accessors without their Python wrapper methods: one call fewer for every value read.
_type, _key, _val = _ryml.Tree_type, _ryml.Tree_key, _ryml.Tree_val
_first, _next = _ryml.Tree_first_child, _ryml.Tree_next_sibling


class _Doubt(Exception):
    pass


def read_ryml(text: str, memo: dict[str, str]) -> Any:
    """The document's data as the careful path reads it, or an exception to say "let the next tier read it"."""
    tree = ryml.parse_in_arena(text.encode())
    node = tree.root_id()
    kind = _type(tree, node)
    if kind & _STREAM == _STREAM:  # `---` written before the only document is fine; two documents are not
        if tree.num_children(node) != 1:
            raise _Doubt
        node = _first(tree, node)
    return _value(tree, node, _type(tree, node), 0, memo)


def _value(tree: Any, node: int, kind: int, depth: int, memo: dict[str, str]) -> Any:
    if depth > _DEEPEST or kind & _ODD:
        raise _Doubt
    if kind & _MAP:
        result: dict[str, Any] = {}
        child = _first(tree, node)
        while child != _NONE:
            child_kind = _type(tree, child)
            if child_kind & _ODD:
                raise _Doubt
            key = str(_key(tree, child), "utf-8")
            if child_kind & ryml.KEY_PLAIN and resolve(key) == "refused":  # `<<` and `=`
                raise _Doubt
            key = sys.intern(key)
            if key in result:
                raise _Doubt
            result[key] = _value(tree, child, child_kind, depth + 1, memo)
            child = _next(tree, child)
        return result
    if kind & _SEQ:
        items = []
        child = _first(tree, node)
        while child != _NONE:
            items.append(_value(tree, child, _type(tree, child), depth + 1, memo))
            child = _next(tree, child)
        return items
    if not kind & _VAL:
        raise _Doubt  # an empty document
    raw = _val(tree, node)
    text = "" if raw is None else str(raw, "utf-8")
    if not kind & ryml.VAL_PLAIN:
        return memo.setdefault(text, text)  # quoted or block scalars are text
    return plain_value(text, memo)

