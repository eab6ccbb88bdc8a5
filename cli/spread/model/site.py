"""A local site as typed data: the playbook version it adopted, its local choices and adaptations (FRAME)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spread.yaml.document import Document


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
    adaptations: tuple[Adaptation, ...] = ()
    retired: tuple[Adaptation, ...] = ()
    upgrades: tuple[Upgrade, ...] = ()
    notes: str | None = None
