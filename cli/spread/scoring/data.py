"""A score as plain data for `--format json` (and the handbook's data files): the same numbers the text shows."""

from __future__ import annotations

from typing import Any

from spread.scoring.explain import explain
from spread.scoring.results import Change, ItemResult, Score


def rounded(value: float | None) -> float | int | None:
    """2 decimals, as shown everywhere; whole numbers stay whole. Verdicts were decided on unrounded values."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def _item(r: ItemResult) -> dict[str, Any]:
    return {"id": r.item.id, "component": r.item.component, "title": r.item.title, "section": r.item.section,
            "score": r.score, "level": r.level, "minimum": r.item.min, "below_minimum": r.below_min,
            "critical_breach": r.critical_breach, "not_rated": r.not_rated}


def change_data(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {"since": change.previous.period, "previous_version": change.previous.version,
            "total": rounded(change.total), "percent_points": rounded(change.percent),
            "band_before": change.band_before, "band_after": change.band_after}


def score_data(score: Score, change: Change | None = None) -> dict[str, Any]:
    return {
        "playbook": score.playbook, "version": score.version, "site": score.site, "period": score.period,
        "complete": score.complete, "rated": score.rated, "items_count": score.count,
        "total": rounded(score.total), "maximum": score.maximum, "mean": rounded(score.mean),
        "percent": rounded(score.percent),
        "band": score.band.label if score.band else None,
        "band_before_cap": score.uncapped.label if score.uncapped else None,
        "sections": [{"id": s.section.id, "title": s.section.title, "total": rounded(s.total),
                      "maximum": s.maximum, "mean": rounded(s.mean)} for s in score.sections],
        "items": [_item(r) for r in score.items],
        "below_minimum": [r.item.id for r in score.below_min],
        "critical_breaches": [r.item.id for r in score.breaches],
        "goals": {"met": score.goals_met, "count": len(score.goals),
                  "results": [{"id": g.goal.id, "title": g.goal.title, "value": rounded(g.value), "op": g.goal.op,
                               "target": g.goal.target, "unit": g.goal.unit, "verdict": g.verdict}
                              for g in score.goals]},
        "change": change_data(change),
        "explain": list(explain(score)),
    }
