"""A playbook version's instrument as plain data for the page scorer (`assets/spread-score.js`): the one source it
scores from, normalised by Spread's own model so that the page never works out a default for itself.

Every rule the model resolves is given resolved: each item's scores, bottom, top, minimum and the level each score
is at; the band a critical breach caps at; the band the score is read on; bands lowest first with their exact
bounds as written. Exact numbers are strings (`"2.9583"`, `"2.5"`), which the page reads as fractions; the words a
verdict, note or unrated item is said in come from `scoring.verdicts`. `format` changes when the shape does.
"""

from __future__ import annotations

from typing import Any

from spread.model.instrument import LEVEL_SCORES, Band, Goal, Item
from spread.model.playbook import Playbook
from spread.model.scales import Point, shown
from spread.scoring.bands import ordered
from spread.scoring.numbers import ENDING, MOST_EXTRA, written
from spread.scoring.score import banded_on
from spread.scoring.verdicts import words

FORMAT = 1


def _point(value: Point | None) -> str | None:
    return None if value is None else shown(value)


def _item(item: Item, critical: set[str]) -> dict[str, Any]:
    declared = item.levels
    return {"id": item.id, "title": item.title, "component": item.component, "section": item.section,
            "critical": item.component in critical, "scores": [shown(v) for v in item.scores],
            "bottom": shown(item.bottom), "top": shown(item.top), "min": _point(item.min),
            "levels": {shown(v): item.level_of(v) for v in item.scores},
            # A score off the scale (which `spread check` refuses) is read at its declared level, else unacceptable.
            "declared_levels": None if declared is None else {
                shown(v): word for word in ("unacceptable", "developmental", "expected")
                for v in declared.scores(word)},
            "anchors": [[shown(v), words_] for v, words_ in sorted(item.anchors.items())],
            "description": item.description}


def _band(band: Band) -> dict[str, Any]:
    return {"id": band.label, "label": band.display, "name": band.name, "min": written(band.min),
            "max": written(band.max), "description": band.description}


def _goal(goal: Goal) -> dict[str, Any]:
    return {"id": goal.id, "title": goal.title, "op": goal.op, "target": goal.target,
            "target_exact": None if goal.target is None else written(goal.target), "unit": goal.unit,
            "area": goal.area, "metric": goal.metric, "numerator": goal.numerator, "denominator": goal.denominator,
            "fraction": goal.is_fraction, "informational": goal.informational}


def instrument_data(playbook: Playbook) -> dict[str, Any]:
    """The instrument of this playbook version as JSON-able data, every default resolved (see the module's doc)."""
    ins = playbook.instrument
    critical = {c.id for c in playbook.core if c.critical}
    return {
        "format": FORMAT, "playbook": playbook.id, "version": playbook.version, "title": playbook.title,
        "kind": ins.kind, "method": ins.method, "band_on": banded_on(ins), "missing": ins.missing,
        "max_unrated": ins.max_unrated, "cap": ins.cap,
        "decimals": {"percent": ins.decimals.percent, "mean": ins.decimals.mean},
        "numbers": {"most_extra": MOST_EXTRA, "ending": ENDING},
        "level_scores": dict(LEVEL_SCORES),
        "components": [{"id": c.id, "title": c.title, "critical": c.critical} for c in playbook.core],
        "sections": [{"id": s.id, "title": s.title} for s in ins.sections],
        "items": [_item(item, critical) for item in ins.items],
        "bands": [_band(b) for b in ordered(ins.bands)],
        "goals": [_goal(g) for g in ins.goals],
        "regimes": [{"id": r.id, "title": r.title, "frequency": r.frequency, "every": r.every,
                     "items": None if r.items is None else list(r.items)} for r in ins.regimes],
        "words": words(),
    }
