"""What scoring an audit gives: each item as rated, each section, the score, and what changed since the last.

Plain frozen data; `scoring.score` works them out and `scoring.explain` traces them in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from spread.model.audit import Rating
from spread.model.instrument import DEFAULT_DECIMALS, Band, Decimals, Instrument, Item, Section
from spread.model.scales import Point
from spread.scoring import verdicts as V
from spread.scoring.goals import GoalResult


@dataclass(frozen=True)
class ItemResult:
    """One item as rated. `level` is the practice-profile word (see `profile_level`); `score` is None when unrated,
    except under `missing: lowest`, where an unrated item scores the bottom of its scale (`imputed`)."""

    item: Item
    rating: Rating | None
    score: Point | None
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
    def next_anchor(self) -> tuple[Point, str] | None:
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
    maximum: Fraction


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
    maximum: Fraction
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
    # The review regime it followed, by its title, when the playbook declares regimes (`spread.model.regimes`).
    regime: str | None = None

    @cached_property
    def sections(self) -> tuple[SectionResult, ...]:
        """Each section's total and mean, worked out on first use (a report's trend never needs them)."""
        ins = self.instrument
        return tuple(_section(s, self.items, self.partial) for s in ins.sections) if ins is not None else ()

    @property
    def goals_met(self) -> int:
        return sum(goal.met for goal in self.goals)

    @property
    def goals_judged(self) -> int:
        """The goals with a target: informational figures are never counted as met or not."""
        return sum(goal.judged for goal in self.goals)

    @property
    def goals_summary(self) -> str:
        return f"{self.goals_met} of {self.goals_judged} met"

    @property
    def areas(self) -> tuple[tuple[str, int, int], ...]:
        """Each goal area with its goals met and its goals with a target, in the playbook's order."""
        found: dict[str, list[int]] = {}
        for goal in self.goals:
            if goal.goal.area is not None:
                counts = found.setdefault(goal.goal.area, [0, 0])
                counts[0] += goal.met
                counts[1] += goal.judged
        return tuple((area, met, judged) for area, (met, judged) in found.items())

    @property
    def verdict(self) -> str | None:
        """The judgment in a few words, wherever a band would be: the band's id; for an instrument without bands,
        what its minimums and goals say (`every minimum met`, `below a minimum`, `critical breach`, `3 of 5 goals
        met`); None for an audit the bands or the rules leave unjudged (incomplete)."""
        if self.band is not None:
            return self.band.label
        if self.bands or not self.complete:
            return None
        parts = []
        if self.breaches:
            parts.append(V.CRITICAL_BREACH)
        elif any(r.item.min is not None for r in self.items):
            parts.append(V.BELOW_MINIMUM if self.below_min else V.MINIMUMS_MET)
        if self.goals_judged:
            parts.append(V.GOALS_MET.format(met=self.goals_met, count=self.goals_judged))
        return V.PARTS.join(parts) or None

    @property
    def verdict_name(self) -> str | None:
        """The verdict as readers see it: the band's published name, or the verdict with a capital letter."""
        if self.band is not None:
            return self.band.name
        return None if self.verdict is None else self.verdict[:1].upper() + self.verdict[1:]

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
        notes = [V.CAPPED.format(components=V.LIST.join(self.capped_by))] if self.capped_by else []
        if self.unverified:
            notes.append(V.UNVERIFIED.format(components=V.LIST.join(self.components(self.unverified))))
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
        """The previous band's id; for an instrument without bands, its verdict."""
        return self.previous.verdict

    @property
    def band_after(self) -> str | None:
        return self.current.verdict


def _section(section: Section, results: tuple[ItemResult, ...], partial: bool) -> SectionResult:
    mine = tuple(r for r in results if r.item.section == section.id)
    scores = [Fraction(r.score) for r in mine if r.score is not None]
    whole = len(scores) == len(mine) and bool(mine)
    points = sum(scores, Fraction(0))
    mean = points / len(scores) if scores and (whole or partial) else None
    return SectionResult(section, mine, points if whole else None, mean, sum((Fraction(r.item.top) for r in mine), Fraction(0)))
