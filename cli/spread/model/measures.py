"""Reach, outcomes and participant voice as typed data: what a playbook asks sites to record each period, and what
an audit records. Only aggregates: no field holds a participant's name, contact details or story, because the
handbook is published and such details would identify people (see README, "Reach, outcomes and voice")."""

from __future__ import annotations

from dataclasses import dataclass

# Figures about fewer people than this are published as "fewer than 5", unless the playbook says otherwise.
SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class Measure:
    """One reach or outcome measure. `figure` is what a site records: a `count`, a `mean` over `n` people, or a
    `share` (numerator of denominator, shown as a percent); `people` says whether a count counts people, and
    `headline` that it is the count of people served, added up over a year as the people reached."""

    id: str
    name: str
    kind: str
    figure: str
    unit: str
    better: str = "higher"
    people: bool = True
    headline: bool = False
    outcome: str | None = None
    instrument: str | None = None
    collected: str | None = None
    target: float | None = None
    guidance: str | None = None
    index: int = 0


@dataclass(frozen=True)
class Answer:
    """One answer on the survey's scale, and whether it agrees, disagrees or neither (`means`)."""

    id: str
    label: str
    means: str


@dataclass(frozen=True)
class Statement:
    """One survey statement, about one core component."""

    id: str
    text: str
    component: str
    index: int = 0


@dataclass(frozen=True)
class Voice:
    """A playbook's participant survey: its answer scale and its statements."""

    answers: tuple[Answer, ...]
    statements: tuple[Statement, ...]
    collected: str | None = None

    def answer_ids(self) -> tuple[str, ...]:
        return tuple(answer.id for answer in self.answers)


@dataclass(frozen=True)
class Figure:
    """One measure's figure in one audit, as written (each part may be missing; `spread check` says which)."""

    measure: str
    count: int | None = None
    mean: float | None = None
    n: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Responses:
    """How many participants answered one statement (`n`), and how many gave each answer (None: not filled in)."""

    statement: str
    n: int | None
    answers: dict[str, int | None]

    @property
    def complete(self) -> bool:
        return self.n is not None and None not in self.answers.values()
