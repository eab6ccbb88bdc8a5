"""Placeholders left in a playbook: `TODO:` text and `todo-` ids from `spread playbook new`, one warning each.

They pass the schema on purpose, so that a half-written playbook can be checked while it is written:
the warnings list what is still to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spread.check.rules.common import at
from spread.errors import Problem
from spread.network.repo import Network
from spread.yaml.document import Key

MARKER = "TODO:"
ID_PREFIX = "todo-"


def check(network: Network) -> Iterator[Problem]:
    for playbook in network.playbooks.values():
        doc = playbook.doc
        for where, message in found(doc.data):
            yield at(network.path_of(doc), doc, where, "warning", message, "placeholder")


def found(data: Any) -> Iterator[tuple[Key, str]]:
    """Each placeholder left in a playbook's data: where it is, and what to do about it."""
    for where, value in _strings(data, ()):
        message = _message(where, value)
        if message:
            yield where, message


def _strings(data: Any, where: Key) -> Iterator[tuple[Key, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*where, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*where, i))
    elif isinstance(data, str):
        yield where, data


def _message(where: Key, value: str) -> str | None:
    name = next((part for part in reversed(where) if isinstance(part, str)), "this value")
    if MARKER in value:
        return f"`{name}` still holds placeholder text: replace the TODO with your own words"
    if value.startswith(ID_PREFIX):
        return f"`{name}` still has the placeholder id `{value}`: choose a short id of your own, like `peer-led`"
    return None
