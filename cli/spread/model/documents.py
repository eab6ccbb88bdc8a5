"""The typed, immutable data every part of Spread works on: playbooks, sites and audits.

Built once, from schema-checked YAML, by `spread.model.build`. Each document keeps its `Document` so that a
rule can point at the line of any value it is unhappy with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spread.yaml.io import Document

InstrumentKind = Literal["anchored", "practice-profile"]
# A practice profile rated as an item: the fidelity line falls between developmental and unacceptable.
# "ideal" is shown as its own level but scores as expected: full fidelity is expected practice everywhere.
LEVEL_SCORES = {"unacceptable": 0, "developmental": 1, "expected": 2, "ideal": 2}
SCORE_LEVELS = {0: "unacceptable", 1: "developmental", 2: "expected"}


@dataclass(frozen=True)
class Practice:
    expected: str
    developmental: str
    unacceptable: str
    ideal: str | None = None


@dataclass(frozen=True)
class CoreComponent:
    id: str
    title: str
    function: str
    practice: Practice
    form: str | None = None
    why: str | None = None
    critical: bool = False


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class LocalComponent:
    id: str
    title: str
    guidance: str | None = None
    options: tuple[Option, ...] = ()
    free_text: bool = False
    max_length: int | None = None
    prohibited: tuple[str, ...] = ()
    default: str | None = None

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


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


@dataclass(frozen=True)
class Outcome:
    id: str
    name: str
    measure: str | None = None


@dataclass(frozen=True)
class Source:
    title: str
    type: str | None = None
    year: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class Stage:
    stage: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Playbook:
    id: str
    title: str
    version: str
    status: str
    summary: str
    core: tuple[CoreComponent, ...]
    local: tuple[LocalComponent, ...]
    instrument: Instrument
    doc: Document = field(repr=False, compare=False)
    description: str | None = None
    illustrative: bool = False
    population: str | None = None
    inclusion: tuple[str, ...] = ()
    exclusion: tuple[str, ...] = ()
    problem: str | None = None
    mechanisms: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    evidence_level: int | None = None
    evidence_summary: str | None = None
    sources: tuple[Source, ...] = ()
    replication: str | None = None
    replication_notes: str | None = None
    roles: tuple[Role, ...] = ()
    rollout: tuple[Stage, ...] = ()

    def component(self, component_id: str) -> CoreComponent | LocalComponent | None:
        components: list[CoreComponent | LocalComponent] = [*self.core, *self.local]
        for component in components:
            if component.id == component_id:
                return component
        return None


@dataclass(frozen=True)
class Adaptation:
    component: str
    reason: str | None
    index: int
    choice: str | None = None
    description: str | None = None
    date: str | None = None
    when: str | None = None
    planned: str | None = None
    decided_by: tuple[str, ...] = ()
    modified: str | None = None
    level: str | None = None
    nature: tuple[str, ...] = ()
    fidelity: str | None = None
    goal: tuple[str, ...] = ()
    approved_by: str | None = None
    retired_in: str | None = None


@dataclass(frozen=True)
class Upgrade:
    from_version: str
    to_version: str
    date: str
    review: tuple[str, ...] = ()


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    playbook: str
    version: str
    host: str
    stage: str
    started: str
    doc: Document = field(repr=False, compare=False)
    commit: str | None = None
    host_type: str | None = None
    area: str | None = None
    contact: str | None = None
    adaptations: tuple[Adaptation, ...] = ()
    retired: tuple[Adaptation, ...] = ()
    upgrades: tuple[Upgrade, ...] = ()
    notes: str | None = None


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
