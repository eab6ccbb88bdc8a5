"""Small helpers the rule modules share."""

from __future__ import annotations

from datetime import date

from spread.errors import Problem, Severity
from spread.yaml.io import Document, Key


def at(root_shown: str, doc: Document, where: Key, severity: Severity, message: str, rule: str,
       *, key: bool = False) -> Problem:
    line, col = doc.at(where, key=key)
    return Problem(root_shown, line, col, severity, message, rule)


def real_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def playbooks_here(ids: list[str]) -> str:
    """How a message names the repository's playbooks when the one asked for is not among them."""
    if not ids:
        return "there are no playbooks here yet: start one with `spread playbook new`"
    return f"the playbooks here are {words(ids, joiner='and')}"


def words(items: list[str] | tuple[str, ...], limit: int = 8, joiner: str = "or") -> str:
    """A short list for a message: `a`, `b` or `c`; past `limit`, `a`, `b`, … `h` or 4 more."""
    shown = [f"`{i}`" for i in items[:limit]]
    if len(items) > limit:
        return ", ".join(shown) + f" {joiner} {len(items) - limit} more"
    if len(shown) <= 1:
        return shown[0] if shown else "none"
    return ", ".join(shown[:-1]) + f" {joiner} {shown[-1]}"
