"""The vocabulary of playbook changes: one `Change` per difference, each needing a major, minor or patch release."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

Bump = Literal["major", "minor", "patch"]
BUMPS: tuple[Bump, ...] = ("patch", "minor", "major")


@dataclass(frozen=True)
class Change:
    """One change, with the stable id of the rule that classified it and the bump it needs."""

    rule: str
    bump: Bump
    subject: str  # the component, item or goal id, or `fidelity` / `playbook`
    message: str


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)


def paired(old: Sequence[T], new: Sequence[T]) -> list[tuple[T | None, T | None]]:
    """Two versions' things matched by id, so each diff walks added, kept and removed alike: in the new order (the
    old one beside it, or None when it is new), then the ones removed (None beside them), in the old order."""
    before = {thing.id: thing for thing in old}
    after = {thing.id for thing in new}
    return [(before.get(t.id), t) for t in new] + [(t, None) for t in old if t.id not in after]


def rank(bump: Bump | None) -> int:
    return -1 if bump is None else BUMPS.index(bump)


def and_list(names: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def changed_fields(old: object, new: object, fields: dict[str, str]) -> list[str]:
    """The plain names of the fields that differ between two records."""
    return [name for attr, name in fields.items() if getattr(old, attr) != getattr(new, attr)]
