"""Small helpers the rule modules share."""

from __future__ import annotations

from spread.errors import Problem, Severity
from spread.yaml.document import Document, Key


def at(root_shown: str, doc: Document, where: Key, severity: Severity, message: str, rule: str,
       *, key: bool = False) -> Problem:
    line, col = doc.at(where, key=key)
    return Problem(root_shown, line, col, severity, message, rule)
