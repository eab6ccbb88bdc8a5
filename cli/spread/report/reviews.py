"""Programme reviews in `spread report`: for each playbook, each kind of review it declares with every review of
that kind, oldest first, scored by `scoring.review` as `spread review score` and the playbook's page score them.

Reviews are few (one or two a playbook a year), but reading one means loading the schema validator, which a warm
report otherwise never does; so what the report shows of them is kept in `.spread-cache/`, keyed by the size and
time of every file of the playbooks that declare reviews, and by the report's date (a review dated in the future
has a problem until that day). A review file with an error is left out and named, as a site's audit with an error
is (`spread check` says what to fix)."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from spread.model.audit import review_words
from spread.network.cache import Store
from spread.network.repo import Network
from spread.scoring import shown
from spread.scoring.data import number, total
from spread.scoring.review import Reviewed, review_history

STORE = "programme-reviews"


@dataclass(frozen=True)
class ProgrammeReviews:
    """By playbook id: the text report's lines and the JSON report's `reviews`; and the review files left out."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    data: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    left_out: tuple[str, ...] = ()


def programme_reviews(root: Path, today: date, declaring: Collection[str],
                      network: Network | None = None, *, cache: bool = True) -> ProgrammeReviews:
    """The reviews of the playbooks `declaring` them (their working versions say so), scored with the playbooks the
    report has read (`network`) or else theirs alone: a report of a network without reviews reads nothing more."""
    if not declaring:
        return ProgrammeReviews()
    store, salt = Store(root, enabled=cache), _stamp(root, declaring, today)
    kept = store.read(STORE, salt)
    if isinstance(kept, tuple) and len(kept) == 3 and all(isinstance(part, dict | tuple) for part in kept):
        return ProgrammeReviews(*kept)
    found = _worked_out(root, today, declaring, network)
    store.write(STORE, (found.lines, found.data, found.left_out), salt)
    return found


def _stamp(root: Path, declaring: Collection[str], today: date) -> str:
    """What the kept reviews depend on: the date, and the size and time of each file under the playbooks' folders."""
    parts = [today.isoformat()]
    for pid in sorted(declaring):
        for path in sorted((root / "playbooks" / pid).rglob("*.y*ml")):
            try:
                stat = path.stat()
                parts.append(f"{path.relative_to(root).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
            except OSError:  # a broken link: its absence is part of the key
                parts.append(f"{path.relative_to(root).as_posix()}:missing")
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()


def _worked_out(root: Path, today: date, declaring: Collection[str], network: Network | None) -> ProgrammeReviews:
    from spread.check.rules.programme import check_programme_reviews
    from spread.network.reviews import load_reviews, playbooks_network

    network, reviews = network or playbooks_network(root, declaring), load_reviews(root)
    mine = tuple(f"playbooks/{pid}/" for pid in declaring)
    broken = {p.path for p in check_programme_reviews(root, today, reviews, network)
              if p.severity == "error" and p.path.startswith(mine)}
    lines, data = {}, {}
    for pid in sorted(declaring):
        kinds = [(kind.id, kind.title, review_history([r for r in reviews.of(pid, kind.id)
                                                       if reviews.path(r) not in broken],
                                                      partial(network.playbook_version, pid)))
                 for kind in network.playbooks[pid].reviews] if pid in network.playbooks else []
        lines[pid] = review_lines(kinds)
        data[pid] = [{"id": kid, "title": title, "reviews": [_data(r) for r in history]} for kid, title, history in kinds]
    unreadable = {path for path in reviews.unreadable if path.startswith(mine)}
    return ProgrammeReviews(lines, data, tuple(sorted(broken | unreadable)))


def _said(reviewed: Reviewed) -> str:
    """`2025 Nearly ready, 64 of 100 (64%), independent review`: the band (or verdict), the score, and who rated."""
    review, score = reviewed.review, reviewed.score
    who = review_words(review.audit.review).replace("self-audit", "self-assessment")
    if score is None:
        return f"{review.period} not scored (its version does not declare this review: run `spread check`), {who}"
    points = f", {shown.total(score.total)} of {shown.total(score.maximum)}" if score.total is not None else ""
    percent = f" ({shown.percent(score)})" if shown.percent(score) else ""
    return f"{review.period} {shown.band_word(score)}{points}{percent}, {who}"


def review_lines(kinds: list[tuple[str, str, list[Reviewed]]]) -> list[str]:
    """The text report's lines for one playbook's programme reviews (none when it declares no review)."""
    if not kinds:
        return []
    lines = ["", "Programme reviews (of the programme itself, not of one site):"]
    for kid, title, history in kinds:
        lines.append(f"  {title} [{kid}]: {'; '.join(_said(r) for r in history) or 'no review yet'}")
    return lines


def _data(r: Reviewed) -> dict[str, Any]:
    """One review in the JSON report: its period, version and reviewer, and its band, verdict and score."""
    s = r.score
    return {"period": r.review.period, "version": r.review.version, "review": r.review.audit.review,
            "band": s.band.label if s and s.band else None, "verdict": s.verdict if s else None,
            "complete": s.complete if s else None, "total": total(s.total) if s else None,
            "maximum": total(s.maximum) if s else None, "percent": number(shown.percent(s)) if s else None}
