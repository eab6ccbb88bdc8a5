"""A fast first reading of a YAML file: plain data without positions, or None whenever in any doubt.

Most files in a big network are fine, and a fine file needs no positions. PyYAML's libyaml binding
composes a file about ten times faster than the careful path in `spread.yamlio`, but PyYAML resolves
plain words the YAML 1.1 way (`on` and `yes` become booleans, `017` octal, `1:30` sexagesimal) and lets
duplicate keys through. So we resolve plain scalars here with ruamel.yaml's own YAML 1.2 rules (copied
from its resolver: the careful path is the one that defines what a file means), and give up — returning
None, so that the caller takes the careful path — on anything the careful path would treat specially:
explicit tags, anchors and aliases, directives, merge keys, duplicate keys, odd keys, deep nesting,
syntax errors. Tests compare both paths on real, generated and tricky files.
"""

from __future__ import annotations

import re
import sys
from typing import Any

# PyYAML ships no type information; its nodes and parser are used here only.
from yaml import ScalarNode, SequenceNode  # type: ignore[import-untyped]
from yaml._yaml import CParser  # type: ignore[import-untyped]

from spread.yamlio import MAX_DEPTH, MAX_VALUES, SAFE_DEPTH, nesting_bound, to_float, to_int

# ruamel.yaml's implicit resolvers for YAML 1.2 (resolver.py), by the first character of the scalar.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.VERBOSE)
_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""", re.VERBOSE)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TIMESTAMP = re.compile(r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    (?:[Tt]|[\ \t]+)[0-9][0-9]?
    :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
    (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.VERBOSE)
# Tags the careful path refuses (`<<` is a merge key, `=` a "value" key): resolved here, then refused.
_REFUSED = "refused"
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _regexp, _first in (("bool", _BOOL, "tTfF"), ("float", _FLOAT, "-+0123456789."),
                              ("int", _INT, "-+0123456789"), (_REFUSED, re.compile(r"^(?:<<)$"), "<"),
                              ("null", _NULL, "~nN"), ("timestamp", _TIMESTAMP, "0123456789"),
                              (_REFUSED, re.compile(r"^(?:=)$"), "=")):
    for _char in _first:
        _RESOLVERS.setdefault(_char, []).append((_tag, _regexp))
_RESOLVERS[""] = [("null", _NULL)]
_OURS = {"str", "bool", "float", "int", "null", "timestamp", "seq", "map"}


class _Doubt(Exception):
    """Something the careful path should look at."""


class _Parser(CParser):  # type: ignore[misc]
    """libyaml's composer, with our resolver. Tags it returns are short words; explicit tags keep their URI."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0] and value is not None:
                for tag, regexp in _RESOLVERS.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return "str"
        return "seq" if kind is SequenceNode else "map"

    def descend_resolver(self, parent: object, index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def fast_parse(raw: bytes, memo: dict[str, str] | None = None) -> Any | None:
    """The file's data exactly as `spread.yamlio.parse_document` would read it, or None to say "ask it".

    Equal texts share one string through `memo` (evidence, sources, roles repeat across thousands of audits),
    and keys are interned: a network's data then takes a third of the memory.
    """
    # Below MAX_VALUES / 2 bytes and without anchors, a file cannot reach the careful path's value limit.
    if len(raw) > MAX_VALUES // 2 or b"\x00" in raw or b"&" in raw or nesting_bound(raw) > SAFE_DEPTH:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if text.startswith("%") or "\n%" in text:
        return None  # a directive (`%YAML 1.1`) could change how scalars resolve
    parser = _Parser(text)
    try:
        node = parser.get_single_node()
        return None if node is None else _build(node, 0, {} if memo is None else memo)
    except Exception:  # noqa: BLE001  a syntax error, a doubt, a number Python cannot read: the careful path says what
        return None
    finally:
        parser.dispose()


def _build(node: Any, depth: int, memo: dict[str, str]) -> Any:
    if depth > MAX_DEPTH:
        raise _Doubt
    tag = node.tag
    if tag not in _OURS:
        raise _Doubt
    if tag == "map":
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Doubt
            _build(key_node, depth + 1, memo)  # refuses a key the careful path would refuse
            # A key is the text as written, whatever it resolves to (as in the careful path).
            key = sys.intern(key_node.value)
            if key in result:
                raise _Doubt
            result[key] = _build(value_node, depth + 1, memo)
        return result
    if tag == "seq":
        return [_build(child, depth + 1, memo) for child in node.value]
    text = node.value
    if tag == "str" or tag == "timestamp":
        return memo.setdefault(text, text)
    if tag == "int":
        return to_int(text)
    if tag == "float":
        return to_float(text)
    if tag == "null":
        return None
    return text.lower() == "true"
