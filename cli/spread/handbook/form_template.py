"""The self-audit form's file, as `spread audit new` writes it: the template the page fills in, written at build time.

The page does not write YAML of its own. Spread renders the blank audit (`adopt.audit_template.audit_yaml`, the
code `audit new` runs) once per review regime, and tells the page, for every line, which field it holds (`paths`,
from the YAML's own positions) and to which field a comment or blank line belongs (`owner`). The page then puts
each answer on its field's line, replaces a score's line with `not_rated:` when an item could not be rated, lists
the sources, and leaves out a figure or a statement nobody gave numbers for, with the comment above it, as the
template asks a person to. The lines that depend on the site (the title, who is outside its host) are rendered
for every site the form offers (`heads`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spread.adopt.audit_template import AuditAnswers, audit_yaml, head_lines
from spread.model.instrument import Regime
from spread.model.playbook import Playbook
from spread.model.regimes import for_regime
from spread.model.site import Site
from spread.yaml.document import Document
from spread.yaml.fast import fast_positions
from spread.yaml.read import positions

PLACEHOLDER = ("your-site", "your site", "your organisation")


def placeholder(pb: Playbook, root: Path) -> Site:
    """The site a form is written for before a person says which."""
    site_id, name, host = PLACEHOLDER
    return Site(site_id, name, pb.id, pb.version, host, "", "", Document(root, {}))


def layout(text: str) -> dict[str, Any]:
    """`lines` of a blank audit; `paths`: the field each line holds (None for a comment, a blank line or a
    continuation); `owner`: the line of the field each line belongs to (a comment belongs to the field below it)."""
    lines = text.rstrip("\n").split("\n")
    raw = text.encode("utf-8")
    _, keys = fast_positions(raw) or positions(raw, Path("audit.yaml"))
    # The line (0-based) of every key, deepest key last (positions list a key before the keys inside it).
    found = {line - 1: tuple(str(part) for part in path) for path, (line, _) in keys.items()}
    owner: list[int] = [0] * len(lines)
    pending: list[int] = []
    last = 0
    for number, line in enumerate(lines):
        if number in found:
            for waiting in pending:
                owner[waiting] = number
            owner[number], last, pending = number, number, []
        elif line.strip() == "" or line.lstrip().startswith("#"):
            pending.append(number)
        else:
            owner[number] = last
    for waiting in pending:  # comments after the last field belong to it
        owner[waiting] = last
    return {"lines": lines, "paths": [list(found[n]) if n in found else None for n in range(len(lines))],
            "owner": owner}


def _split(text: str) -> tuple[list[str], list[str]]:
    """The lines of an audit before `site:` (its schema line, title and how to fill it in), and the comment on who
    rated (the lines just above `review:`)."""
    lines = text.split("\n")
    site = lines.index(next(line for line in lines if line.startswith("site:")))
    review = lines.index(next(line for line in lines if line.startswith("review:")))
    start = review
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    return lines[:site], lines[start:review]


def templates(root: Path, folder: Path, pb: Playbook, period: str) -> dict[str, Any]:
    """The blank audit for each review regime the form offers (`""` for a playbook without regimes), laid out."""
    site = placeholder(pb, root)
    regimes: list[Regime | None] = list(pb.instrument.regimes) or [None]
    return {(regime.id if regime else ""): layout(audit_yaml(root, folder, site, for_regime(pb, regime.id)
                                                             if regime else pb, period, AuditAnswers(), regime))
            for regime in regimes}


def heads(root: Path, folder: Path, pb: Playbook, period: str, sites: list[Site]) -> dict[str, Any]:
    """For each site the form offers (and the placeholder), the lines of its audit that name it: as `audit new`
    writes them for that site."""
    found = {}
    for site in [placeholder(pb, root), *sites]:
        # The head alone: rendering every item again for each of hundreds of sites would cost seconds.
        top, who = _split("\n".join(head_lines(root, folder, site, pb, period, AuditAnswers())))
        found[site.id] = {"name": site.name, "top": top, "who": who}
    return found
