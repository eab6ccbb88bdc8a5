"""What a repository holds, for `spread list`: each playbook (its version and status, and the period of its latest
programme review of each kind) and its sites (the version each follows, its stage and its latest audit), as typed
rows, as text and as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from spread.errors import no_such_playbook
from spread.model.periods import sort_key
from spread.model.review import FOLDER
from spread.network.repo import Network
from spread.network.reviews import Reviews


@dataclass(frozen=True)
class SiteRow:
    id: str
    name: str
    version: str
    stage: str
    latest_audit: str | None
    path: str


@dataclass(frozen=True)
class ReviewRow:
    """One programme review the playbook declares (`spread.model.review`), and the latest period reviewed."""

    id: str
    title: str
    latest_review: str | None
    path: str


@dataclass(frozen=True)
class PlaybookRow:
    id: str
    title: str
    version: str
    status: str
    latest_release: str | None
    sites: tuple[SiteRow, ...]
    reviews: tuple[ReviewRow, ...] = ()


def listing(network: Network, playbook_id: str | None = None, reviews: Reviews | None = None) -> tuple[PlaybookRow, ...]:
    """Every playbook (or the one asked for) with its sites and programme reviews, by id. Files that could not be
    read are left out (`network.unreadable` and `reviews.unreadable` name them)."""
    if playbook_id is not None and playbook_id not in network.playbooks:
        raise no_such_playbook(playbook_id, list(network.playbooks))
    rows = []
    for pid, playbook in sorted(network.playbooks.items()):
        if playbook_id in (None, pid):
            sites = tuple(_site(network, key) for key in sorted(network.sites) if key[0] == pid)
            kinds = tuple(ReviewRow(kind.id, kind.title, _latest(reviews, pid, kind.id), f"playbooks/{pid}/{FOLDER}/{kind.id}")
                          for kind in playbook.reviews)
            rows.append(PlaybookRow(pid, playbook.title, playbook.version, playbook.status, network.latest(pid), sites,
                                    kinds))
    return tuple(rows)


def _latest(reviews: Reviews | None, playbook_id: str, kind_id: str) -> str | None:
    found = reviews.of(playbook_id, kind_id) if reviews is not None else []
    return found[-1].period if found else None


def _site(network: Network, key: tuple[str, str]) -> SiteRow:
    site = network.sites[key]
    periods = sorted((audit.period for audit in network.audits.get(key, [])), key=sort_key)
    return SiteRow(site.id, site.name, site.version, site.stage, periods[-1] if periods else None,
                   f"fidelity/{key[0]}/{key[1]}")


def listing_text(rows: tuple[PlaybookRow, ...]) -> str:
    """One block per playbook: a heading line, then a table of its sites (or a line saying it has none)."""
    if not rows:
        return "No playbooks yet: start one with `spread playbook new`.\n"
    blocks = []
    for row in rows:
        released = f", released {row.latest_release}" if row.latest_release and row.latest_release != row.version else ""
        count = len(row.sites)
        head = f"{row.id} {row.version} ({row.status}{released}): {row.title} · {count} site{'s' * (count != 1)}"
        table = [("Site", "Version", "Stage", "Latest audit")] + [
            (s.id, s.version, s.stage, s.latest_audit or "none yet") for s in row.sites]
        widths = [max(len(line[i]) for line in table) for i in range(3)]
        lines = ["  " + "  ".join([*(line[i].ljust(widths[i]) for i in range(3)), line[3]]) for line in table] \
            if row.sites else [f"  No sites yet: set one up with `spread site new {row.id}`."]
        reviewed = [f"  Programme review {r.id} ({r.title}): latest {r.latest_review}" if r.latest_review else
                    f"  Programme review {r.id} ({r.title}): none yet (`spread review new {row.id}/{r.id}`)"
                    for r in row.reviews]
        blocks.append("\n".join([head, *reviewed, *lines]))
    return "\n\n".join(blocks) + "\n"


def listing_json(rows: tuple[PlaybookRow, ...]) -> str:
    return json.dumps({"playbooks": [asdict(row) for row in rows]}, indent=2, ensure_ascii=False) + "\n"
