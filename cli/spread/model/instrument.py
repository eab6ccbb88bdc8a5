"""A playbook's fidelity instrument: items on a scale, sections, bands and goals, as typed data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from spread.model.levels import Levels, default_levels

InstrumentKind = Literal["anchored", "practice-profile"]
# What an unrated item counts for: `mean-of-rated` is the older name of `exclude` with no maximum.
Missing = Literal["incomplete", "lowest", "exclude", "mean-of-rated"]
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
    """One rated item. Practice-profile playbooks get one per core component, scored 0–2. `levels` are the ones
    declared for it (its own, else the instrument's; `own_levels` says which), None for the default rule."""

    id: str
    component: str
    title: str
    anchors: dict[int, str]
    section: str | None = None
    description: str | None = None
    min: int | None = None
    levels: Levels | None = None
    own_levels: bool = False

    @property
    def bottom(self) -> int:
        return min(self.anchors)

    @property
    def top(self) -> int:
        return max(self.anchors)

    @cached_property
    def scale_levels(self) -> Levels:
        """The levels its scores are read at: the declared ones, or the default rule (`model.levels`)."""
        return self.levels or default_levels(self.bottom, self.top, self.min)

    def level_of(self, score: int) -> str:
        """A score in practice-profile words (a score the declared levels leave out, which `spread check` reports,
        reads by the default rule)."""
        return self.scale_levels.of(score) or default_levels(self.bottom, self.top, self.min).of(score) or "unacceptable"


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
class Decimals:
    """How many decimal places percentages and means (and ratios) are shown with."""

    percent: int = 0
    mean: int = 2


DEFAULT_DECIMALS = Decimals()


@dataclass(frozen=True)
class Instrument:
    kind: InstrumentKind
    frequency: Literal["monthly", "quarterly", "half-yearly", "yearly"]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    method: Literal["sum", "mean"] = "sum"
    band_on: Literal["total", "mean", "percent"] = "total"
    missing: Missing = "incomplete"
    critical_cap: str | None = None
    sections: tuple[Section, ...] = ()
    goals: tuple[Goal, ...] = ()
    scale_min: int | None = None
    scale_max: int | None = None
    max_unrated: int | None = None
    levels: Levels | None = None
    decimals: Decimals = DEFAULT_DECIMALS

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)

    @property
    def cap(self) -> str | None:
        """The band a critical breach caps a site at: the declared `critical_cap`, else the lowest band."""
        if self.critical_cap is not None or not self.bands:
            return self.critical_cap
        return min(self.bands, key=lambda b: (b.min, b.max)).label
