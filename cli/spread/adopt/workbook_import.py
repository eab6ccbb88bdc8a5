"""A filled self-audit workbook taken in: the audit text it makes, and its problems named by sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spread.adopt.audit_import import check_sent, read_sent
from spread.adopt.audit_template import audit_yaml
from spread.adopt.workbook_answers import answers, cell_of, cells
from spread.adopt.workbook_read import Filled
from spread.errors import SpreadError
from spread.model.regimes import for_regime, regime_of
from spread.model.site import Site
from spread.network.repo import Network


@dataclass(frozen=True)
class Taken:
    """The audit text a workbook makes, and its problems as `Items!C7: error: … [rule]` (errors stop the import)."""

    text: str
    problems: tuple[str, ...]
    errors: int


def take(network: Network, filled: Filled, site: Site, path: Path, shown: str, today: date | None) -> Taken:
    """Judge the workbook's audit as if it were at `path` (the site's audits/<period>.yaml)."""
    meta = filled.meta
    pb = network.playbook_version(str(meta["playbook"]), str(meta["version"]))
    if pb is None:
        raise SpreadError(f"{shown}: Instructions!B5: version {meta['version']} of `{meta['playbook']}` is not in "
                          "this repository: check you import into the right handbook")
    regime = regime_of(pb.instrument, str(meta["regime"])) if meta.get("regime") else None
    pb = for_regime(pb, regime.id) if regime else pb
    given, wrong = answers(filled, pb)
    text = audit_yaml(network.root, path.parent, site, pb, str(meta["period"]), given, regime)
    rel = path.relative_to(network.root).as_posix()
    sent = read_sent(text.encode("utf-8"), path, rel)
    found = list(sent.problems) if sent.doc is None else check_sent(network, sent.doc, rel, rel, today)
    marks = cells(text, pb)
    lines = [f"{cell}: error: {message} [workbook-value]" for cell, message in wrong]
    named = {cell for cell, _ in wrong}
    errors = len(wrong)
    for p in found:
        cell = cell_of(marks[p.line], filled) if p.line in marks else None
        if p.rule == "audit-unrated" and cell in named:
            continue  # the rating that is not one the item takes is the problem, said once
        lines.append(f"{cell or 'Instructions'}: {p.severity}: {p.message} [{p.rule}]")
        errors += p.is_error
    return Taken(text, tuple(f"{shown}: {line}" for line in dict.fromkeys(lines)), errors)
