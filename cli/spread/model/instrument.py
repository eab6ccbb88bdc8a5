"""A playbook's fidelity instrument: items on a scale, sections, bands and goals, as typed data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from spread.model.levels import Levels, default_levels
from spread.model.scales import Point, ranges

# `goals`: an instrument that rates no items (`items: []`) and is judged by its goals alone.
InstrumentKind = Literal["anchored", "practice-profile", "goals"]
Method = Literal["sum", "mean", "sum-of-section-means"]
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
    """One rated item. Practice-profile playbooks get one per core component, scored 0–2. `values` are the scores
    it takes, lowest first (its own `values` or `scale`, else the instrument's scale); `anchors` describe some of
    them, at least both ends. `levels` are the ones declared for it (its own, else the instrument's;
    `own_levels` says which), None for the default rule."""

    id: str
    component: str
    title: str
    anchors: dict[Point, str]
    section: str | None = None
    description: str | None = None
    min: Point | None = None
    levels: Levels | None = None
    own_levels: bool = False
    values: tuple[Point, ...] = ()
    # Whether the item says its own scale or values (not the instrument's): pages and templates then say so.
    own_scale: bool = False

    @property
    def scores(self) -> tuple[Point, ...]:
        """Every score this item takes, lowest first."""
        return self.values or tuple(sorted(self.anchors))

    @property
    def bottom(self) -> Point:
        return self.scores[0]

    @property
    def top(self) -> Point:
        return self.scores[-1]

    @property
    def unanchored(self) -> tuple[Point, ...]:
        """The scores no anchor describes: they lie between the anchors around them."""
        return tuple(v for v in self.scores if v not in self.anchors)

    @property
    def between(self) -> str:
        """`2–9`: the unanchored scores in runs, as pages and the audit template name them."""
        return ranges(self.unanchored, self.scores)

    def anchor_rows(self) -> tuple[tuple[tuple[Point, ...], str | None], ...]:
        """The scale from the bottom up: each anchored score with its words, and each run of scores between two
        anchors together, with None for words (`((1,), "none"), ((2, 3, ..., 9), None), ((10,), "all")`)."""
        rows: list[tuple[tuple[Point, ...], str | None]] = []
        run: list[Point] = []
        for value in self.scores:
            if value in self.anchors:
                if run:
                    rows.append((tuple(run), None))
                    run = []
                rows.append(((value,), self.anchors[value]))
            else:
                run.append(value)
        return tuple(rows)

    @cached_property
    def scale_levels(self) -> Levels:
        """The levels its scores are read at: the declared ones, or the default rule (`model.levels`)."""
        return self.levels or default_levels(self.scores, self.min)

    def level_of(self, score: Point) -> str:
        """A score in practice-profile words (a score the declared levels leave out, which `spread check` reports,
        reads by the default rule)."""
        return self.scale_levels.of(score) or default_levels(self.scores, self.min).of(score) or "unacceptable"


@dataclass(frozen=True)
class Band:
    """A named range of the score. `label` is the band's id (the YAML `id`, or its `label` where it has no id):
    what `critical_cap`, `--fail-under` and every data form name. `title` is its published name, if it has one."""

    label: str
    min: float
    max: float
    description: str | None = None
    title: str | None = None

    @property
    def display(self) -> str:
        """The band in a terminal or a data file's words: its published name, else its id as written."""
        return self.title if self.title is not None else self.label

    @property
    def name(self) -> str:
        """The band as readers see it: its published name, else its id with the first letter capitalised and
        hyphens and underscores as spaces (`not-the-model` → `Not the model`)."""
        if self.title is not None:
            return self.title
        words = self.label.replace("-", " ").replace("_", " ")
        return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Goal:
    """A numeric goal; without `op` and `target`, an informational figure: reported, never judged."""

    id: str
    title: str
    op: Literal[">=", "<="] | None
    target: float | None
    unit: Literal["percent", "ratio", "count"] = "percent"
    metric: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    area: str | None = None

    @property
    def is_fraction(self) -> bool:
        return self.numerator is not None or self.denominator is not None

    @property
    def informational(self) -> bool:
        return self.op is None or self.target is None


@dataclass(frozen=True)
class Decimals:
    """How many decimal places percentages and means (and ratios) are shown with."""

    percent: int = 0
    mean: int = 2


DEFAULT_DECIMALS = Decimals()


@dataclass(frozen=True)
class Regime:
    """One review regime (issue 20; `spread.model.regimes`): how often a site is reviewed this way (`every` periods of
    `frequency`: yearly every 3 is once in three years) and the items it rates (`items`: None for every item)."""

    id: str
    title: str
    frequency: Literal["monthly", "quarterly", "half-yearly", "yearly"]
    every: int = 1
    items: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Instrument:
    kind: InstrumentKind
    frequency: Literal["monthly", "quarterly", "half-yearly", "yearly"]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    method: Method = "sum"
    band_on: Literal["total", "mean", "percent"] = "total"
    missing: Missing = "incomplete"
    critical_cap: str | None = None
    sections: tuple[Section, ...] = ()
    goals: tuple[Goal, ...] = ()
    scale_min: Point | None = None
    scale_max: Point | None = None
    scale_step: Point | None = None
    max_unrated: int | None = None
    levels: Levels | None = None
    decimals: Decimals = DEFAULT_DECIMALS
    # The review regimes it declares (`fidelity.regimes`); none: one regime, every item at `frequency`.
    regimes: tuple[Regime, ...] = ()

    @property
    def judged(self) -> bool:
        """Whether anything gives a verdict: bands, an item minimum, a critical component, or a goal with a target."""
        return bool(self.bands) or any(i.min is not None for i in self.items) or any(
            not g.informational for g in self.goals)

    @property
    def areas(self) -> tuple[str, ...]:
        """The goals' areas, in the order they first appear."""
        return tuple(dict.fromkeys(g.area for g in self.goals if g.area is not None))

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)

    @property
    def cap(self) -> str | None:
        """The band a critical breach caps a site at: the declared `critical_cap`, else the lowest band."""
        if self.critical_cap is not None or not self.bands:
            return self.critical_cap
        return min(self.bands, key=lambda b: (b.min, b.max)).label
