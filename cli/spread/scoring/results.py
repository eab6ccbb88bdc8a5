"""What scoring an audit gives: each item as rated, each section, the score, and what changed since the last.

Plain frozen data; `scoring.score` works them out and `scoring.explain` traces them in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from spread.model.audit import Rating
from spread.model.instrument import DEFAULT_DECIMALS, Band, Decimals, Instrument, Item, Section
from spread.scoring.goals import GoalResult


@dataclass(frozen=True)
class ItemResult:
    """One item as rated. `level` is the practice-profile word (see `profile_level`); `score` is None when unrated,
    except under `missing: lowest`, where an unrated item scores the bottom of its scale (`imputed`)."""

    item: Item
    rating: Rating | None
    score: int | None
    level: str | None
    below_min: bool = False
    critical_breach: bool = False
    not_rated: str | None = None
    critical: bool = False
    imputed: bool = False

    @property
    def anchor(self) -> str | None:
        return None if self.score is None else self.item.anchors.get(self.score)

    @property
    def next_anchor(self) -> tuple[int, str] | None:
        """The next level up and what it looks like: the coaching agenda for this item."""
        if self.score is None:
            return None
        higher = sorted(level for level in self.item.anchors if level > self.score)
        return (higher[0], self.item.anchors[higher[0]]) if higher else None


@dataclass(frozen=True)
class SectionResult:
    section: Section
    items: tuple[ItemResult, ...]
    total: Fraction | None
    mean: Fraction | None
    maximum: int


@dataclass(frozen=True)
class Score:
    """An audit scored. total, mean and percent are exact, and None for an audit the playbook's missing-data rule
    leaves without a score (`exclude` scores the rated items: a mean and a percent, no total). `band` is capped
    at the playbook's cap when a critical component is breached; `uncapped` is the band the score alone gives.
    `unverified` are the critical items that were not rated."""

    playbook: str
    version: str
    site: str
    period: str
    kind: str
    items: tuple[ItemResult, ...]
    rated: int
    count: int
    complete: bool
    total: Fraction | None
    mean: Fraction | None
    percent: Fraction | None
    maximum: int
    bands: tuple[Band, ...]
    band: Band | None
    uncapped: Band | None
    below_min: tuple[ItemResult, ...]
    breaches: tuple[ItemResult, ...]
    goals: tuple[GoalResult, ...]
    band_on: str = "total"
    unverified: tuple[ItemResult, ...] = ()
    decimals: Decimals = DEFAULT_DECIMALS
    # What `scoring.explain` needs to trace the arithmetic, and the core components' titles the flags name.
    instrument: Instrument | None = field(default=None, compare=False, repr=False)
    banded: Fraction | None = field(default=None, compare=False, repr=False)
    partial: bool = field(default=False, compare=False, repr=False)
    titles: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # Who rated (`self`, `guided`, `peer`, `independent`): shown beside the band wherever it appears.
    review: str | None = None

    @cached_property
    def sections(self) -> tuple[SectionResult, ...]:
        """Each section's total and mean, worked out on first use (a report's trend never needs them)."""
        ins = self.instrument
        return tuple(_section(s, self.items, self.partial) for s in ins.sections) if ins is not None else ()

    @property
    def goals_met(self) -> int:
        return sum(goal.met for goal in self.goals)

    @property
    def goals_summary(self) -> str:
        return f"{self.goals_met} of {len(self.goals)} met"

    @property
    def capped(self) -> bool:
        return self.band != self.uncapped

    def components(self, results: tuple[ItemResult, ...]) -> tuple[str, ...]:
        """The titles of the core components some of these items rate, once each, in the instrument's order."""
        ids = dict.fromkeys(r.item.component for r in results)
        return tuple(self.titles.get(cid, cid) for cid in ids)

    @property
    def capped_by(self) -> tuple[str, ...]:
        """The breached critical components that lowered the band (none when the score alone was at the cap)."""
        return self.components(self.breaches) if self.capped else ()

    @property
    def notes(self) -> tuple[str, ...]:
        """What must be read with the band, wherever it is shown: the cap, and critical items left unrated."""
        notes = [f"capped by a critical breach: {', '.join(self.capped_by)}"] if self.capped_by else []
        if self.unverified:
            notes.append(f"unverified: {', '.join(self.components(self.unverified))} not rated")
        return tuple(notes)


@dataclass(frozen=True)
class Change:
    """What moved since the previous audit. `total` is compared only on the same version (same maximum)."""

    previous: Score
    current: Score
    total: Fraction | None
    percent: Fraction | None

    @property
    def band_before(self) -> str | None:
        return self.previous.band.label if self.previous.band else None

    @property
    def band_after(self) -> str | None:
        return self.current.band.label if self.current.band else None


def _section(section: Section, results: tuple[ItemResult, ...], partial: bool) -> SectionResult:
    mine = tuple(r for r in results if r.item.section == section.id)
    scores = [r.score for r in mine if r.score is not None]
    whole = len(scores) == len(mine) and bool(mine)
    mean = Fraction(sum(scores), len(scores)) if scores and (whole or partial) else None
    return SectionResult(section, mine, Fraction(sum(scores)) if whole else None, mean, sum(r.item.top for r in mine))
