"""A local site as typed data: the playbook version it adopted, its local choices (configuration) and its
adaptations (departures from the playbook, recorded with FRAME)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spread.model.regulator import RegulatorRating
from spread.yaml.document import Document


@dataclass(frozen=True)
class LocalChoice:
    """What a site chose among the options a local component offers (or in its own words where the component has no
    options): configuring the model as designed, so no FRAME record; a reason is welcome, a default needs none."""

    component: str
    choice: str
    index: int
    reason: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Enactment:
    """How a site makes one of the playbook's principles its own: configuration, like a local choice, not a departure."""

    principle: str
    how: str
    index: int


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
    # An approved deviation's life (`spread.model.deviations`): approved when, until when, the plan back, the return.
    approved_on: str | None = None
    review_by: str | None = None
    plan: str | None = None
    returned_on: str | None = None


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
    choices: tuple[LocalChoice, ...] = ()
    adaptations: tuple[Adaptation, ...] = ()
    retired: tuple[Adaptation, ...] = ()
    upgrades: tuple[Upgrade, ...] = ()
    notes: str | None = None
    # A mentoring pair (`spread.model.adopters`): the mentor and the mentee, by role and background, never by name.
    pair: tuple[str, str] | None = None
    # An external regulator's published ratings (`spread.model.regulator`): beside the self-audits, never scored.
    regulator_ratings: tuple[RegulatorRating, ...] = ()
    principles: tuple[Enactment, ...] = ()
    # Who may see the site's results (`spread.handbook.audience`): `public`, or the `network` alone.
    publish: str = "public"

    def adaptations_of(self, component: str) -> list[Adaptation]:
        return [a for a in self.adaptations if a.component == component]

    def chosen(self, component: str) -> list[LocalChoice | Adaptation]:
        """What the site records for one component: its local choices, then its adaptations, in file order."""
        return [*(c for c in self.choices if c.component == component),
                *(a for a in self.adaptations if a.component == component)]
