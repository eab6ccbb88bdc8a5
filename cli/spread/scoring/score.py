"""Scoring a self-audit by its playbook's own rules. Pure: the command line and the handbook both call these
functions, so they can never disagree. Every number in a `Score` is exact and traced by `scoring.explain`."""

from __future__ import annotations

from fractions import Fraction

from spread.model.audit import Audit, Rating
from spread.model.instrument import LEVEL_SCORES, Instrument, Item
from spread.model.playbook import Playbook
from spread.model.regimes import for_regime, regime_of
from spread.model.scales import Point
from spread.scoring import bands as B
from spread.scoring import verdicts as V
from spread.scoring.goals import evaluate
from spread.scoring.results import Change, ItemResult, Score


def profile_level(item: Item, score: Point) -> str:
    """An item score in practice-profile words, so anchored and profile instruments read alike in a report: the
    item's declared levels, or the default rule (`model.levels.default_levels`): on 1–5 with minimum 3, 1 and 2
    are unacceptable, 3 developmental, 4 and 5 expected."""
    return item.level_of(score)


def _scored(item: Item, rating: Rating | None, score: Point, level: str | None, critical: bool,
            not_rated: str | None = None) -> ItemResult:
    """A scored item: below its minimum or not, and a critical breach when a critical item is unacceptable."""
    level = level or profile_level(item, score)
    below = item.min is not None and score < item.min
    return ItemResult(item, rating, score, level, below, critical and level == "unacceptable", not_rated, critical,
                      imputed=not_rated is not None)


def _rate(item: Item, rating: Rating | None, anchored: bool, critical: bool) -> ItemResult:
    if rating is None:
        return ItemResult(item, None, None, None, not_rated=V.MISSING, critical=critical)
    if rating.not_rated is not None:
        return ItemResult(item, rating, None, None, not_rated=rating.not_rated, critical=critical)
    score = rating.score if anchored or rating.level is None else LEVEL_SCORES.get(rating.level)
    if score is None:
        return ItemResult(item, rating, None, None, not_rated=V.OFF_SCALE, critical=critical)
    return _scored(item, rating, score, None if anchored else rating.level, critical)


def _lowest(r: ItemResult) -> ItemResult:
    """An unrated item scored at the bottom of its scale (`missing: lowest`, as IPS scores missing evidence)."""
    return r if r.score is not None else _scored(r.item, r.rating, r.item.bottom, None, r.critical, r.not_rated)


def excludes(ins: Instrument, unrated: int, rated: int) -> bool:
    """Whether the rule for missing data scores an audit on its rated items alone."""
    if ins.missing == "exclude":
        return rated > 0 and unrated <= (ins.max_unrated or 0)
    return ins.missing == "mean-of-rated" and ins.method == "mean" and rated > 0


def banded_on(ins: Instrument) -> str:
    """The number the bands are read on: a mean-scored instrument with bands on its total is banded on its mean."""
    return ins.band_on if ins.band_on != "total" or ins.method != "mean" else "mean"


def section_means(ins: Instrument, results: tuple[ItemResult, ...]) -> tuple[Fraction, Fraction]:
    """The sum of the sections' mean item scores, and the most it can be (`method: sum-of-section-means`).
    Every item is in a section (`spread check` makes sure); the means are exact."""
    total = maximum = Fraction(0)
    for section in ins.sections:
        mine = [r for r in results if r.item.section == section.id and r.score is not None]
        if mine:
            total += sum((Fraction(r.score or 0) for r in mine), Fraction(0)) / len(mine)
            maximum += sum((Fraction(r.item.top) for r in mine), Fraction(0)) / len(mine)
    return total, maximum


def score_audit(playbook: Playbook, audit: Audit) -> Score:
    """Score one audit against the playbook version it was made on, on the items of the regime it follows."""
    regime = regime_of(playbook.instrument, audit.regime) if playbook.instrument.regimes else None
    playbook = for_regime(playbook, audit.regime)
    ins = playbook.instrument
    critical = {c.id for c in playbook.core if c.critical}
    results = tuple(_rate(item, audit.ratings.get(item.id), ins.kind == "anchored", item.component in critical)
                    for item in ins.items)
    unrated = sum(r.score is None for r in results)
    if ins.missing == "lowest":
        results = tuple(_lowest(r) for r in results)
    counted = [Fraction(r.score) for r in results if r.score is not None]
    points = sum(counted, Fraction(0))
    maximum = sum((Fraction(item.top) for item in ins.items), Fraction(0))
    partial = len(counted) < len(results) and excludes(ins, unrated, len(results) - unrated)
    total = mean = percent = None
    if counted and len(counted) == len(results):
        total, mean = points, points / len(counted)
        if ins.method == "sum-of-section-means":
            total, maximum = section_means(ins, results)
        percent = total * 100 / maximum if maximum else None
    elif partial:
        top = sum((Fraction(r.item.top) for r in results if r.score is not None), Fraction(0))
        mean, percent = points / len(counted), points * 100 / top if top else None
    band_on = banded_on(ins)
    banded = {"percent": percent, "mean": mean, "total": total}[band_on] if ins.bands else None
    uncapped = B.band_for(ins.bands, banded) if banded is not None else None
    breaches = tuple(r for r in results if r.critical_breach)
    cap = ins.cap
    band = B.capped(ins.bands, uncapped, cap) if uncapped and breaches and cap else uncapped
    goals = tuple(evaluate(goal, audit.goals.get(goal.id), ins.decimals) for goal in ins.goals)
    return Score(playbook.id, playbook.version, audit.site, audit.period, ins.kind, results, len(results) - unrated,
                 len(results), unrated == 0, total, mean, percent, maximum, ins.bands, band, uncapped,
                 tuple(r for r in results if r.below_min), breaches, goals, band_on,
                 tuple(r for r in results if r.critical and r.not_rated is not None), ins.decimals, ins, banded,
                 partial, {c.id: c.title for c in playbook.core}, review=audit.review,
                 regime=regime.title if regime else None)


def compare(previous: Score, current: Score) -> Change:
    """The change from one audit of a site to the next."""
    total = percent = None
    if current.total is not None and previous.total is not None and previous.version == current.version:
        total = current.total - previous.total
    if current.percent is not None and previous.percent is not None:
        percent = current.percent - previous.percent
    return Change(previous, current, total, percent)
