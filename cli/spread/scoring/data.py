"""A score as plain data for `--format json` (and the handbook's data files): the same numbers the text shows."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from spread.model.scales import Point
from spread.scoring import shown
from spread.scoring.explain import explain
from spread.scoring.numbers import plain
from spread.scoring.results import Change, ItemResult, Score


def number(text: str) -> int | float | None:
    """A shown number (`58%`, `2.96`) as a JSON number with the same digits, so JSON never disagrees with text."""
    return plain(text) if text else None


def total(value: Fraction | None) -> int | float | None:
    return None if value is None else number(shown.total(value))


def point(value: Point | None) -> int | float | None:
    """A score as a JSON number: whole, or its half points (`2.5`)."""
    return None if value is None else value if isinstance(value, int) else float(value)


def _item(r: ItemResult) -> dict[str, Any]:
    return {"id": r.item.id, "component": r.item.component, "title": r.item.title, "section": r.item.section,
            "score": point(r.score), "level": r.level, "minimum": point(r.item.min), "below_minimum": r.below_min,
            "critical": r.critical, "critical_breach": r.critical_breach, "not_rated": r.not_rated,
            "scored_by_rule": r.imputed}


def change_data(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    points = shown.points(change.current, change.percent) if change.percent is not None else ""
    return {"since": change.previous.period, "previous_version": change.previous.version,
            "total": total(change.total), "percent_points": number(points),
            "band_before": change.band_before, "band_after": change.band_after}


def band_notes(score: Score | None) -> dict[str, Any]:
    """What must be read with a band, as every JSON form gives it: the band the score alone gives, the critical
    components whose breach capped it, the critical components not rated, and the notes in words."""
    if score is None:
        return {"band_before_cap": None, "capped_by": [], "unverified": [], "band_notes": []}
    return {"band_before_cap": score.uncapped.label if score.uncapped else None,
            "capped_by": list(dict.fromkeys(r.item.component for r in score.breaches)) if score.capped_by else [],
            "unverified": list(dict.fromkeys(r.item.component for r in score.unverified)),
            "band_notes": list(score.notes)}


def score_data(score: Score, change: Change | None = None) -> dict[str, Any]:
    return {
        "playbook": score.playbook, "version": score.version, "site": score.site, "period": score.period,
        "review": score.review, "regime": score.regime, "complete": score.complete, "rated": score.rated,
        "items_count": score.count,
        "total": total(score.total), "maximum": total(score.maximum), "mean": number(shown.mean(score)),
        "percent": number(shown.percent(score)),
        "band": score.band.label if score.band else None, "band_label": score.band.display if score.band else None,
        "verdict": score.verdict, **band_notes(score),
        "sections": [{"id": s.section.id, "title": s.section.title, "total": total(s.total),
                      "maximum": total(s.maximum), "mean": number(shown.mean(score, s.mean)) if s.mean is not None else None}
                     for s in score.sections],
        "items": [_item(r) for r in score.items],
        "below_minimum": [r.item.id for r in score.below_min],
        "critical_breaches": [r.item.id for r in score.breaches],
        "goals": {"met": score.goals_met, "count": score.goals_judged, "reported": len(score.goals) - score.goals_judged,
                  "areas": [{"area": a, "met": m, "count": n} for a, m, n in score.areas],
                  "results": [{"id": g.goal.id, "title": g.goal.title, "value": number(g.shown()) if g.value is not None else None,
                               "op": g.goal.op, "target": g.goal.target, "unit": g.goal.unit, "area": g.goal.area,
                               "verdict": g.verdict}
                              for g in score.goals]},
        "change": change_data(change),
        "explain": list(explain(score)),
    }
