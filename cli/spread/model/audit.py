"""A self-audit as typed data: one rating per item, goal figures, actions; scored by `spread.scoring`."""

from __future__ import annotations

from dataclasses import dataclass, field

from spread.model.measures import Figure, Responses
from spread.model.scales import Point
from spread.yaml.document import Document

# Who rated, as the files write it and as readers see it beside a band.
REVIEWS = {"self": "self-audit", "guided": "guided self-audit", "peer": "peer review", "independent": "independent review",
           "participant": "participant review"}


def review_words(review: str | None) -> str:
    """`independent` → `independent review`; a review type this version does not know, as written."""
    return REVIEWS.get(review or "", review or "")


def a_review(review: str | None) -> str:
    """`independent` → `an independent review`, `self` → `a self-audit`: what a band is from."""
    said = review_words(review)
    return f"{'an' if said[:1] in tuple('aeiou') else 'a'} {said}"


@dataclass(frozen=True)
class Rater:
    """One person who rated: a role, and where they come from (a peer's `site`, anyone's `organisation`)."""

    role: str
    name: str | None = None
    organisation: str | None = None
    site: str | None = None
    index: int = 0


@dataclass(frozen=True)
class Rating:
    item: str
    score: Point | None = None
    level: str | None = None
    evidence: str | None = None
    sources: tuple[str, ...] = ()
    not_rated: str | None = None


@dataclass(frozen=True)
class GoalData:
    numerator: float | None = None
    denominator: float | None = None
    value: float | None = None


@dataclass(frozen=True)
class Action:
    item: str | None
    action: str | None
    owner: str | None
    due: str | None


@dataclass(frozen=True)
class Audit:
    site: str
    playbook: str
    version: str
    period: str
    review: str
    ratings: dict[str, Rating]
    doc: Document = field(repr=False, compare=False)
    completed: str | None = None
    raters: tuple[Rater, ...] = ()
    goals: dict[str, GoalData] = field(default_factory=dict)
    actions: tuple[Action, ...] = ()
    notes: str | None = None
    figures: dict[str, Figure] = field(default_factory=dict)
    voice: dict[str, Responses] = field(default_factory=dict)
    # The review regime this audit follows (`spread.model.regimes`); None: the playbook's full regime.
    regime: str | None = None
