"""Scoring a self-audit by its playbook's own rules. Pure: the command line and the handbook both call these
functions, so they can never disagree. Every number in a `Score` is traced in `Score.explain`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spread.model.documents import LEVEL_SCORES, Audit, Band, Instrument, Item, Playbook, Rating, Section
from spread.scoring import bands as B
from spread.scoring.explain import explain_lines
from spread.scoring.goals import GoalResult, evaluate


@dataclass(frozen=True)
class ItemResult:
    """One item as rated. `level` is the practice-profile word (see `profile_level`); `score` is None when unrated."""

    item: Item
    rating: Rating | None
    score: int | None
    level: str | None
    below_min: bool = False
    critical_breach: bool = False
    not_rated: str | None = None

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
    total: float | None
    mean: float | None
    maximum: int


@dataclass(frozen=True)
class Score:
    """An audit scored. total, mean and percent are None for an incomplete audit (but see `mean-of-rated`)."""

    playbook: str
    version: str
    site: str
    period: str
    kind: str
    items: tuple[ItemResult, ...]
    rated: int
    count: int
    complete: bool
    total: float | None
    mean: float | None
    percent: float | None
    maximum: int
    bands: tuple[Band, ...]
    band: Band | None
    uncapped: Band | None
    below_min: tuple[ItemResult, ...]
    breaches: tuple[ItemResult, ...]
    goals: tuple[GoalResult, ...]
    band_on: str = "total"
    # What `explain` needs to trace the arithmetic; not part of the score's value.
    instrument: Instrument | None = field(default=None, compare=False, repr=False)
    banded: float | None = field(default=None, compare=False, repr=False)
    partial: bool = field(default=False, compare=False, repr=False)

    @cached_property
    def sections(self) -> tuple[SectionResult, ...]:
        """Each section's total and mean, worked out on first use (a report's trend never needs them)."""
        ins = self.instrument
        return tuple(_section(s, self.items, self.partial) for s in ins.sections) if ins is not None else ()

    @cached_property
    def explain(self) -> tuple[str, ...]:
        """Every step from the ratings to the band, in plain English. Worked out on first use only: a report
        scores every audit of every site but shows these lines for none of them."""
        return tuple(explain_lines(self, self.instrument, self.banded)) if self.instrument is not None else ()

    @property
    def goals_met(self) -> int:
        return sum(goal.met for goal in self.goals)

    @property
    def goals_summary(self) -> str:
        return f"{self.goals_met} of {len(self.goals)} met"

    @property
    def capped(self) -> bool:
        return self.band != self.uncapped


@dataclass(frozen=True)
class Change:
    """What moved since the previous audit. `total` is compared only on the same version (same maximum)."""

    previous: Score
    current: Score
    total: float | None
    percent: float | None

    @property
    def band_before(self) -> str | None:
        return self.previous.band.label if self.previous.band else None

    @property
    def band_after(self) -> str | None:
        return self.current.band.label if self.current.band else None


def profile_level(item: Item, score: int) -> str:
    """An item score in practice-profile words, so anchored and profile instruments read alike in a report:
    the bottom level, or below the item's minimum, is unacceptable; the top is expected; between is developmental."""
    if score <= item.bottom or (item.min is not None and score < item.min):
        return "unacceptable"
    return "expected" if score >= item.top else "developmental"


def _rate(item: Item, rating: Rating | None, anchored: bool, critical: bool) -> ItemResult:
    if rating is None:
        return ItemResult(item, None, None, None, not_rated="missing from the audit")
    if rating.not_rated is not None:
        return ItemResult(item, rating, None, None, not_rated=rating.not_rated)
    score = rating.score if anchored or rating.level is None else LEVEL_SCORES.get(rating.level)
    if score is None:
        return ItemResult(item, rating, None, None, not_rated="not rated on the playbook's scale")
    level = profile_level(item, score) if anchored or rating.level is None else rating.level
    below = item.min is not None and score < item.min
    return ItemResult(item, rating, score, level, below, critical and score <= item.bottom)


def _section(section: Section, results: tuple[ItemResult, ...], partial: bool) -> SectionResult:
    mine = tuple(r for r in results if r.item.section == section.id)
    scores = [r.score for r in mine if r.score is not None]
    whole = len(scores) == len(mine) and bool(mine)
    mean = sum(scores) / len(scores) if scores and (whole or partial) else None
    return SectionResult(section, mine, sum(scores) if whole else None, mean, sum(r.item.top for r in mine))


def score_audit(playbook: Playbook, audit: Audit) -> Score:
    """Score one audit against the playbook version it was made on."""
    ins = playbook.instrument
    critical = {c.id for c in playbook.core if c.critical}
    results = tuple(_rate(item, audit.ratings.get(item.id), ins.kind == "anchored", item.component in critical)
                    for item in ins.items)
    rated = [r for r in results if r.score is not None]
    scores = [r.score for r in rated if r.score is not None]
    maximum = sum(item.top for item in ins.items)
    complete = len(rated) == len(results)
    # Published scales give no rule for pro-rating, so only `mean-of-rated` scores an incomplete audit.
    partial = ins.missing == "mean-of-rated" and ins.method == "mean" and bool(rated)
    total = mean = percent = None
    if complete and results:
        total, mean = float(sum(scores)), sum(scores) / len(scores)
        percent = total / maximum * 100 if maximum else None
    elif partial:
        mean = sum(scores) / len(scores)
        top = sum(r.item.top for r in rated)
        percent = sum(scores) / top * 100 if top else None
    banded = {"percent": percent, "mean": mean}.get(ins.band_on, total if ins.method == "sum" else mean)
    uncapped = B.band_for(ins.bands, banded) if banded is not None else None
    breaches = tuple(r for r in results if r.critical_breach)
    band = B.capped(ins.bands, uncapped, ins.critical_cap) if uncapped and breaches and ins.critical_cap else uncapped
    goals = tuple(evaluate(goal, audit.goals.get(goal.id)) for goal in ins.goals)
    return Score(playbook.id, playbook.version, audit.site, audit.period, ins.kind, results, len(rated),
                 len(results), complete, total, mean, percent, maximum, ins.bands, band, uncapped,
                 tuple(r for r in results if r.below_min), breaches, goals, ins.band_on, ins, banded, partial)


def compare(previous: Score, current: Score) -> Change:
    """The change from one audit of a site to the next."""
    total = percent = None
    if current.total is not None and previous.total is not None and previous.version == current.version:
        total = current.total - previous.total
    if current.percent is not None and previous.percent is not None:
        percent = current.percent - previous.percent
    return Change(previous, current, total, percent)
