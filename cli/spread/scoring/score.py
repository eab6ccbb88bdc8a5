"""Scoring a self-audit by its playbook's own rules. Pure: the command line and the handbook both call these
functions, so they can never disagree. Every number in a `Score` is traced by `scoring.explain`."""

from __future__ import annotations

from spread.model.audit import Audit, Rating
from spread.model.instrument import LEVEL_SCORES, Item
from spread.model.playbook import Playbook
from spread.scoring import bands as B
from spread.scoring.goals import evaluate
from spread.scoring.results import Change, ItemResult, Score


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
