"""Regular expressions in a playbook's prohibited variations, refused when they could not be used safely.

A pattern is searched in what sites write (a choice: at most `MAX_TEXT` characters), case-insensitively. Python's
regular expressions backtrack, so a pattern with a repetition inside a repetition (`(a+)+`) or alternatives inside
one (`(a|ab)*`) can take years on a short text, and every part that can match more or less text multiplies the work:
`\\w*\\w*\\w*x` takes seconds on 300 characters. So a pattern is refused when it nests them, refers back to a group,
has more than `MAX_VARYING` parts that match a varying amount of text (or more than `MAX_REPEATS` that repeat), or
is over `MAX_LENGTH` characters. What is left takes well under a second on the longest choice (measured on 500
characters: 0.27 s for `\\w*\\w*x`, 0.54 s for `\\w*a?\\w*x`).
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import Any

MAX_LENGTH = 200
MAX_TEXT = 500
# Parts that match a varying amount of text, and of those, parts that can repeat (+, *, {m,n}) rather than only be
# left out (?): each multiplies the work, a repeat by up to the text's length.
MAX_VARYING, MAX_REPEATS = 3, 2
# The standard library's own parser of regular expressions (no typed stubs, hence Any).
_parser: Any = importlib.import_module("re._parser")
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_NESTED = ("repeats a repetition or a choice of alternatives, which can take a computer for ever on some texts: "
           "write it more simply, or list `words` instead")


def problem(pattern: str) -> str | None:
    """Why a prohibited pattern cannot be used, as a sentence saying what to do; None when it can."""
    if len(pattern) > MAX_LENGTH:
        return f"the pattern is {len(pattern)} characters long: keep it to {MAX_LENGTH}, or list `words` instead"
    try:
        re.compile(pattern)
        tree = _parser.parse(pattern)
    except re.error as exc:
        where = f" at character {exc.pos + 1}" if exc.pos is not None else ""
        return f"the pattern is not a regular expression Python can read ({exc.msg}{where}): correct it"
    except RecursionError:
        return "the pattern is nested too deeply: write it more simply"
    found = _walk(tree.data, repeated=False)
    if found:
        return found
    repeats, optional = _count(tree.data)
    if repeats > MAX_REPEATS or repeats + optional > MAX_VARYING:
        return (f"the pattern has {repeats + optional} parts that match more or less text ({repeats} repeating with "
                f"+, * or {{m,n}}, {optional} optional with ?): keep to {MAX_VARYING}, at most {MAX_REPEATS} of them "
                "repeating, so that it never takes long, or list `words` instead")
    return None


Node = tuple[Any, Any]  # (operation, argument), as the standard library's parser gives them


def _children(name: str, arg: Any) -> list[list[Node]]:
    """The sub-patterns of one parsed node (none for a leaf)."""
    if name in _REPEATS:
        return [list(arg[2])]
    if name == "BRANCH":
        return [list(branch) for branch in arg[1]]
    if name == "SUBPATTERN":
        return [list(arg[3])]
    if name in ("ASSERT", "ASSERT_NOT"):
        return [list(arg[1])]
    return [list(arg)] if name == "ATOMIC_GROUP" else []


def _count(items: list[Node]) -> tuple[int, int]:
    """How many repeats of a varying count a parsed pattern has: (those that can repeat, those that are optional)."""
    repeats = optional = 0
    for op, arg in items:
        name = str(op)
        if name in _REPEATS and arg[0] != arg[1]:
            repeats += arg[1] > 1
            optional += arg[1] == 1
        for child in _children(name, arg):
            more = _count(child)
            repeats, optional = repeats + more[0], optional + more[1]
    return repeats, optional


def _walk(items: list[Node], *, repeated: bool) -> str | None:
    """The first reason a parsed pattern is unsafe; `repeated`: whether it sits inside a repetition."""
    for op, arg in items:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "the pattern refers back to a group (\\1), which can take a computer for ever: write it without"
        varies = name in _REPEATS and arg[0] != arg[1]
        if repeated and (varies or name == "BRANCH"):
            return f"the pattern {_NESTED}"
        inner = repeated or (name in _REPEATS and arg[1] > 1)
        for child in _children(name, arg):
            found = _walk(child, repeated=inner)
            if found:
                return found
    return None


@cache
def compiled(pattern: str) -> re.Pattern[str] | None:
    """The pattern ready to search, case-insensitively; None for one `problem` refuses (it matches nothing)."""
    return None if problem(pattern) else re.compile(pattern, re.IGNORECASE)
