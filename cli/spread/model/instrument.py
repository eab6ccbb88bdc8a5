"""A playbook's fidelity instrument: items on a scale, sections, bands and goals, as typed data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InstrumentKind = Literal["anchored", "practice-profile"]
# A practice profile rated as an item: the fidelity line falls between developmental and unacceptable.
# "ideal" is shown as its own level but scores as expected: full fidelity is expected practice everywhere.
LEVEL_SCORES = {"unacceptable": 0, "developmental": 1, "expected": 2, "ideal": 2}
SCORE_LEVELS = {0: "unacceptable", 1: "developmental", 2: "expected"}


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Item:
    """One rated item. Practice-profile playbooks get one per core component, scored 0–2."""

    id: str
    component: str
    title: str
    anchors: dict[int, str]
    section: str | None = None
    description: str | None = None
    min: int | None = None

    @property
    def bottom(self) -> int:
        return min(self.anchors)

    @property
    def top(self) -> int:
        return max(self.anchors)


@dataclass(frozen=True)
class Band:
    label: str
    min: float
    max: float
    description: str | None = None


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    op: Literal[">=", "<="]
    target: float
    unit: Literal["percent", "ratio", "count"] = "percent"
    metric: str | None = None
    numerator: str | None = None
    denominator: str | None = None

    @property
    def is_fraction(self) -> bool:
        return self.numerator is not None or self.denominator is not None


@dataclass(frozen=True)
class Instrument:
    kind: InstrumentKind
    frequency: Literal["monthly", "quarterly", "half-yearly", "yearly"]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    method: Literal["sum", "mean"] = "sum"
    band_on: Literal["total", "mean", "percent"] = "total"
    missing: Literal["incomplete", "mean-of-rated"] = "incomplete"
    critical_cap: str | None = None
    sections: tuple[Section, ...] = ()
    goals: tuple[Goal, ...] = ()
    scale_min: int | None = None
    scale_max: int | None = None

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)
