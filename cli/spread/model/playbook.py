"""The typed, immutable playbook every part of Spread works on: core and local components, evidence, rollout.

Built once, from schema-checked YAML, by `spread.model.build`. Each document keeps its `Document` so that a
rule can point at the line of any value it is unhappy with.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spread.model.adopters import Adopter
from spread.model.instrument import Instrument
from spread.model.measures import SUPPRESS_BELOW, Measure, Voice
from spread.model.regulator import Regulator
from spread.model.review import ReviewKind
from spread.yaml.document import Document


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
    # `principle`: a principle each site makes its own, shown by `evidence` rather than done in a prescribed form.
    kind: str = "practice"
    evidence: tuple[str, ...] = ()

    @property
    def principle(self) -> bool:
        return self.kind == "principle"


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class Prohibited:
    """A variation the playbook does not allow: in words for people (`text`), refused when a choice is that text,
    contains one of `words` (whole words, whatever their case), or matches `pattern` (a regular expression)."""

    text: str
    words: tuple[str, ...] = ()
    pattern: str | None = None


@dataclass(frozen=True)
class LocalComponent:
    id: str
    title: str
    guidance: str | None = None
    options: tuple[Option, ...] = ()
    free_text: bool = False
    max_length: int | None = None
    prohibited: tuple[Prohibited, ...] = ()
    default: str | None = None

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


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
    adopter: Adopter = field(default_factory=Adopter)
    measures: tuple[Measure, ...] = ()
    voice: Voice | None = None
    suppress_below: int = SUPPRESS_BELOW
    regulator: Regulator | None = None
    reviews: tuple[ReviewKind, ...] = ()  # programme reviews (`spread.model.review`)

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def component(self, component_id: str) -> CoreComponent | LocalComponent | None:
        components: list[CoreComponent | LocalComponent] = [*self.core, *self.local]
        for component in components:
            if component.id == component_id:
                return component
        return None

    def review(self, kind_id: str) -> ReviewKind | None:
        """The programme review of this id the playbook declares, if any."""
        return next((kind for kind in self.reviews if kind.id == kind_id), None)

    def reviewed_on(self, kind: ReviewKind) -> Playbook:
        """The playbook as a programme review's scorer and rules see it: the review's instrument in place of its
        own, and no core components (a review rates the programme, so none of its items is a critical breach)."""
        return replace(self, instrument=kind.instrument, core=())
