"""A self-audit as typed data: one rating per item, goal figures, actions; scored by `spread.scoring`."""

from __future__ import annotations

from dataclasses import dataclass, field

from spread.yaml.document import Document


@dataclass(frozen=True)
class Rating:
    item: str
    score: int | None = None
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
    raters: tuple[str, ...] = ()
    goals: dict[str, GoalData] = field(default_factory=dict)
    actions: tuple[Action, ...] = ()
    notes: str | None = None
