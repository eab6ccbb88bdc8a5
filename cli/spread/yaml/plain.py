"""The plainest YAML, read line by line: most Spread files are nothing more, and this reads them 4x faster.

Composing a file with libyaml (`spread.yaml.fast`) costs a Python node object and several Python calls per
value, and that was most of a cold check. Files written by `spread` (and by people who copy them) use only
block mappings and sequences with plain, single-quoted or simple double-quoted scalars, one per line or
folded over a few lines. Those lines are read here directly into plain data. Anything else — flow
collections, block scalars, comments after a value, tabs, odd characters, odd indentation, anchors, tags,
escapes, blank lines inside a scalar, duplicate keys — returns None, and the caller composes the file with
libyaml as before. Tests compare this reading with the careful path on generated networks and random texts.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from spread.yaml.read import to_float, to_int
from spread.yaml.resolver import resolve

# What this reader covers: newlines and printable characters, without tabs, carriage returns, byte order
# marks or the characters libyaml takes as line breaks (U+0085, U+2028, U+2029).
_ODD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Each line: (indent, "- " of a sequence item, a key before ": ", the rest); a line that is none of these
# (a key with odd characters, a `? ` key…) has all of it in the rest, which no context accepts.
_LINE = re.compile(r"^( *)(- +)?(?:([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: +|$))?(.*)$", re.MULTILINE)
# Characters that start something other than a plain scalar (`-` only when a space or nothing follows).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Plain scalars starting with these are text whatever follows (see `spread.yaml.resolver`).
_TEXT_FIRST = frozenset("abcdeghijklmopqrsuvwxyzABCDEGHIJKLMOPQRSUVWXYZ")
_DEEPEST = 32  # nesting levels: far below the careful path's limit, far above any Spread file


class _Doubt(Exception):
    """Not the plainest YAML: let libyaml read it."""


def read_plain(text: str, memo: dict[str, str]) -> dict[str, Any] | None:
    """The mapping the text holds, exactly as the careful path reads it, or None if not the plainest YAML."""
    if _ODD.search(text) is not None:
        return None
    try:
        root = _read(_LINE.findall(text), memo)
    except (_Doubt, ValueError):  # ValueError: `0x_` passes the number patterns but is no number
        return None
    return root or None  # a file of comments only is no mapping


def _read(lines: list[tuple[str, str, str, str]], memo: dict[str, str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    frames: list[tuple[int, Any]] = [(0, root)]  # the open collections, innermost last, with their indent
    pending: str | None = None  # a key of frames[-1] whose value starts on a later line
    # The last plain scalar while it may go on: (its container, key or index, its lines, least indent to go on).
    last: tuple[Any, Any, list[str], int] | None = None
    gap = False  # a blank or comment line since the last line
    for spaces, dash, key, rest in lines:
        if rest[-1:] == " ":
            rest = rest.rstrip(" ")
        if not (dash or key or rest and rest[0] != "#"):
            gap = True
            continue
        indent = len(spaces)
        if last is not None:
            if indent >= last[3]:  # more of the scalar, folded into it with a space
                if gap or dash or key or not _goes_on(rest):
                    raise _Doubt
                last[2].append(rest)
                last[0][last[1]] = _plain(" ".join(last[2]), memo)
                continue
            last = None
        gap = False
        if pending is not None:
            top = frames[-1]
            if indent > top[0] or indent == top[0] and dash:
                new: Any = [] if dash else {}
                top[1][pending] = new
                frames.append((indent, new))
                if len(frames) > _DEEPEST:
                    raise _Doubt
            pending = None  # else its value stays None: a key with nothing after it
        while frames[-1][0] > indent:
            frames.pop()
        top_indent, container = frames[-1]
        if top_indent != indent:
            raise _Doubt
        if type(container) is list:
            if not dash:  # a sequence at its key's indent ends where its mapping goes on
                frames.pop()
                if not frames or frames[-1][0] != indent or type(frames[-1][1]) is not dict:
                    raise _Doubt
                container = frames[-1][1]
            elif not key:  # a scalar item
                if not rest:
                    raise _Doubt  # an empty item, or one on the next lines
                value, plain = _scalar(rest, memo)
                if plain:
                    last = (container, len(container), [rest], indent + 1)
                container.append(value)
                continue
            else:
                indent += len(dash)
                new = {}
                container.append(new)
                frames.append((indent, new))
                if len(frames) > _DEEPEST:
                    raise _Doubt
                container = new
        elif dash:
            raise _Doubt
        if not key:
            raise _Doubt
        key = sys.intern(key)
        if key in container:
            raise _Doubt
        if not rest:
            pending = key
            container[key] = None  # its place, and its value if nothing more indented follows
            continue
        value, plain = _scalar(rest, memo)
        container[key] = value
        if plain:
            last = (container, key, [rest], indent + 1)
    return root


def _scalar(text: str, memo: dict[str, str]) -> tuple[Any, bool]:
    """A scalar's value, and whether it is plain (it may go on over the next lines)."""
    first = text[0]
    if first in _TEXT_FIRST:  # most values: plain text, of no other type
        if ": " in text or " #" in text or text[-1] == ":":
            raise _Doubt
        return memo.setdefault(text, text), True
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Doubt  # over several lines, or followed by more
        inner = inner.replace("''", "'")
        return memo.setdefault(inner, inner), False
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            raise _Doubt  # escapes, or over several lines
        return memo.setdefault(inner, inner), False
    if not _goes_on(text) and not (first == "-" and len(text) > 1 and text[1] != " " and _goes_on(text[1:])):
        raise _Doubt
    return _plain(text, memo), True


def _goes_on(content: str) -> bool:
    """Whether a line can be (more of) a plain scalar as this reader, and libyaml, read it."""
    return content[0] not in _INDICATORS and ": " not in content and " #" not in content and content[-1] != ":"


def _plain(text: str, memo: dict[str, str]) -> Any:
    kind = resolve(text)
    if kind == "str" or kind == "timestamp":
        return memo.setdefault(text, text)
    if kind == "int":
        return to_int(text)
    if kind == "float":
        return to_float(text)
    if kind == "null":
        return None
    if kind == "bool":
        return text.lower() == "true"
    raise _Doubt  # a merge key or a value key
