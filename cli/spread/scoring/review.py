"""Scoring programme reviews: each by the instrument its playbook version declares, with the scorer of site
self-audits (`score_audit`), and a kind's reviews as a history, oldest first, each with its change since the one
before. Pure: the command line, the report and the handbook all read these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spread.model.playbook import Playbook
from spread.model.review import Review
from spread.scoring.results import Change, Score
from spread.scoring.score import compare, score_audit

# A playbook at one version, or None when it cannot be found (`Network.playbook_version` with its id).
Versions = Callable[[str], Playbook | None]


@dataclass(frozen=True)
class Reviewed:
    """One review of a history: its score (None when its version, or the review in that version, is unknown,
    which `spread check` reports) and what changed since the review before it."""

    review: Review
    score: Score | None
    change: Change | None = None


def score_review(playbook: Playbook, review: Review) -> Score | None:
    """A review scored by the instrument `playbook` (the version it names) declares for its kind."""
    kind = playbook.review(review.kind)
    return None if kind is None else score_audit(playbook.reviewed_on(kind), review.audit)


def review_history(reviews: Sequence[Review], versions: Versions) -> list[Reviewed]:
    """The reviews of one kind, oldest first, each scored and compared with the last one that could be."""
    history: list[Reviewed] = []
    previous: Score | None = None
    for review in reviews:
        playbook = versions(review.version)
        score = score_review(playbook, review) if playbook is not None else None
        history.append(Reviewed(review, score, compare(previous, score) if previous and score else None))
        previous = score or previous
    return history
