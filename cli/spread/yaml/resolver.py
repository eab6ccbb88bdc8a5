"""What a plain YAML scalar is — text, a number, true/false, null, a date — by ruamel.yaml's YAML 1.2 rules.

A copy of ruamel.yaml's implicit resolvers (resolver.py), indexed by the scalar's first character, so that
the fast readings (`spread.yaml.plain`, `spread.yaml.fast`) give every plain scalar the type the careful path
gives it. "refused" marks the merge key `<<` and the value key `=`, which the careful path refuses.
"""

from __future__ import annotations

import re

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

# By first character, in ruamel's order: the first pattern that matches names the type; else it is text.
PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _name, _regexp, _first in (("bool", _BOOL, "tTfF"), ("float", _FLOAT, "-+0123456789."),
                               ("int", _INT, "-+0123456789"), ("refused", re.compile(r"^(?:<<)$"), "<"),
                               ("null", _NULL, "~nN"), ("timestamp", _TIMESTAMP, "0123456789"),
                               ("refused", re.compile(r"^(?:=)$"), "=")):
    for _char in _first:
        PATTERNS.setdefault(_char, []).append((_name, _regexp))
PATTERNS[""] = [("null", _NULL)]


def resolve(text: str) -> str:
    """The type of a plain scalar: str, bool, float, int, null, timestamp or refused."""
    for name, regexp in PATTERNS.get(text[:1], ()):
        if regexp.match(text):
            return name
    return "str"
