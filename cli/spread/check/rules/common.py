"""Small helpers the rule modules share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spread.errors import Problem, Severity
from spread.yaml.document import Document, Key


def at(root_shown: str, doc: Document, where: Key, severity: Severity, message: str, rule: str,
       *, key: bool = False) -> Problem:
    line, col = doc.at(where, key=key)
    return Problem(root_shown, line, col, severity, message, rule)


def duplicate_ids(root_shown: str, doc: Document, places: Iterable[tuple[Key, str]], noun: str,
                  rule: str) -> Iterator[Problem]:
    """One error at each id that an earlier thing of the same kind already uses. `places` gives each thing's place
    in the document and its id, in the document's order, so the first use is never the one blamed."""
    seen: set[str] = set()
    for where, id_ in places:
        if id_ in seen:
            yield at(root_shown, doc, (*where, "id"), "error", f"the {noun} id `{id_}` is used twice: give each "
                     f"{noun} its own id", rule)
        seen.add(id_)
