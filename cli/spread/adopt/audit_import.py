"""Importing a self-audit a site sent (`spread audit import`): checked where it will live, by `spread check`'s rules.

The file is judged as if it were already `fidelity/<playbook>/<site>/audits/<period>.yaml`, in the network as it is
now (an audit it replaces under --force left out), and its problems are named by the file the person gave.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from spread.check.rules import check_network
from spread.errors import Problem
from spread.model.build import audit_from
from spread.model.periods import sort_key
from spread.model.schemas import validate
from spread.network.repo import Network
from spread.yaml.document import Document
from spread.yaml.read import parse_document
from spread.yaml.render import modeline

MODELINE = "# yaml-language-server:"


@dataclasses.dataclass(frozen=True)
class Sent:
    """A sent audit, read: its document (None when it cannot be read) and the problems found so far."""

    doc: Document | None
    problems: tuple[Problem, ...]

    def names(self) -> tuple[str, str, str]:
        """(playbook, site, period) the audit says it belongs to; only for a document that passed its schema."""
        assert self.doc is not None
        data = self.doc.data
        return str(data["playbook"]["id"]), str(data["site"]), str(data["period"])


def read_sent(raw: bytes, path: Path, shown: str) -> Sent:
    """Parse and schema-check a sent audit; problems are named by `shown`, the path the person gave."""
    loaded = parse_document(raw, path, shown)
    if isinstance(loaded, Problem):
        return Sent(None, (loaded,))
    if not isinstance(loaded.data, dict):
        shape = "a list" if isinstance(loaded.data, list) else "a single value"
        return Sent(None, (Problem(shown, 1, 1, "error", f"this file should be a self-audit, a mapping of fields "
                                   f"(`site: …`), not {shape}", "yaml-not-mapping"),))
    problems = validate(loaded, "audit", shown)
    return Sent(None if problems else loaded, tuple(problems))


def check_sent(network: Network, doc: Document, rel: str, shown: str, today: date | None) -> list[Problem]:
    """Every problem `spread check` would find in the audit once at `rel`, named by `shown`."""
    key = (rel.split("/")[1], rel.split("/")[2])
    audit = audit_from(doc)
    network.audits[key] = sorted([a for a in network.audits.get(key, []) if network.path_of(a.doc) != rel] + [audit],
                                 key=lambda a: sort_key(a.period))
    network.shown[id(doc)] = (doc, rel)
    network.unreadable.discard(rel)
    network.problems = [p for p in network.problems if p.path != rel]
    return [dataclasses.replace(p, path=shown) for p in check_network(network, today) if p.path == rel]


def as_written(text: str, folder: Path, root: Path) -> str:
    """The audit's text as `spread audit new` writes it at `folder`: its schema modeline first, pointing at the
    repository's schemas from there (a form's download cannot know the relative path), and one final newline."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if lines and lines[0].startswith(MODELINE):
        lines = lines[1:]
    return "\n".join([modeline(folder, root, "audit"), *lines]).rstrip("\n") + "\n"
