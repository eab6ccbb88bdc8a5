"""A network report as JSON (`spread report --format json`), and the flat rows its CSV shares.

Each site's entry is rendered once, at its place in the document (see `spread.report.summary`), and the report is
put together from those texts: the same bytes `json.dumps(…, indent=2, ensure_ascii=False)` gives for the whole,
without encoding every site again."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from spread.report.figures import playbook_data, site_data
from spread.report.regulated import regulator_data
from spread.report.rollup import LEVELS, SiteStatus, dated
from spread.scoring import shown
from spread.scoring.data import band_notes, change_data, number, total

if TYPE_CHECKING:
    from spread.report.summary import NetworkSummary, PlaybookSummary

SCALARS = {True: "true", False: "false", None: "null"}
# Where a site's entry sits: {"playbooks": [{"sites": [{…}]}]}.
SITE_DEPTH = 4
# A site's members that depend on the report's date, in their order in `site_row`.
DATED = ("overdue", "audit_due", "out_of_date", "audit_age_months")


def trend_data(status: SiteStatus) -> list[dict[str, Any]]:
    return [{"period": s.period, "version": s.version, "total": total(s.total), "percent": number(shown.percent(s)),
             "band": s.band.label if s.band else None, "verdict": s.verdict, "review": s.review, "complete": s.complete}
            for s in status.trend]


def site_row(status: SiteStatus) -> dict[str, Any]:
    """One site, flat: the columns of the CSV, and the head of each site in the JSON."""
    site, score = status.site, status.score
    return {
        "site": site.id, "name": site.name, "stage": site.stage, "version": site.version,
        "latest_version": status.latest_version, "behind": status.behind,
        "last_audit": score.period if score else None, "band": status.band, "review": score.review if score else None,
        **band_notes(score),
        "complete": score.complete if score else None,
        "total": total(score.total) if score else None, "maximum": total(score.maximum) if score else None,
        "percent": number(shown.percent(score)) if score else None,
        "overdue": status.overdue, "audit_due": status.due, "out_of_date": status.age is not None,
        "audit_age_months": status.age,
        "critical_breaches": sorted({r.item.component for r in score.breaches}) if score else [],
        "below_minimum": [r.item.id for r in score.below_min] if score else [],
        "goals_met": score.goals_summary if score and score.goals else None,
        "goals_by_area": shown.area_words(score) if score else [],
    }


def site_json(status: SiteStatus) -> tuple[str, str]:
    """A site's entry in the JSON report, as text indented for its place there, whatever the date: the text before
    and the text after the members that depend on the date (`DATED`, see `dated_json`)."""
    row = site_row(status) | {"trend": trend_data(status), "change": change_data(status.change)} \
        | site_data(status.measures)
    members = [_member(key, dumps(value, SITE_DEPTH + 1), SITE_DEPTH) for key, value in row.items()]
    cut = list(row).index(DATED[0])
    head, tail = members[:cut], members[cut + len(DATED):]
    return ("{\n" + "".join(member + ",\n" for member in head),
            "".join(",\n" + member for member in tail) + "\n" + "  " * SITE_DEPTH + "}")


def dated_json(parts: Sequence[str], overdue: bool, due: str, stale: bool = False, age: int | None = None) -> str:
    """A site's entry from `site_json`, with its members for the report's date (`DATED`, from `rollup.dated`)."""
    head, tail = parts
    dated = ",\n".join(_member(key, dumps(value), SITE_DEPTH) for key, value in zip(DATED, (overdue, due, stale, age)))
    return head + dated + tail


def dumps(value: Any, depth: int = 0) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` for the plain data of a report (strings, numbers,
    booleans, None, lists and dicts with string keys), as if nested `depth` levels deep. Strings and numbers are
    encoded by `json` itself; the structure is joined here, because with an indent `json` encodes in Python,
    a generator step per token, which cost most of a warm JSON report."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)  # as `json` writes numbers
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is bool or value is None:
        return SCALARS[value]
    if isinstance(value, list):
        return _array([dumps(item, depth + 1) for item in value], depth)
    if isinstance(value, dict):
        return _object([(key, dumps(item, depth + 1)) for key, item in value.items()], depth)
    return json.dumps(value, ensure_ascii=False)


def _object(members: list[tuple[str, str]], depth: int) -> str:
    if not members:
        return "{}"
    return "{\n" + ",\n".join(_member(key, value, depth) for key, value in members) + "\n" + "  " * depth + "}"


def _member(key: str, value: str, depth: int) -> str:
    """A member of an object nested `depth` levels deep, its value already encoded."""
    return f"{'  ' * (depth + 1)}{encode_basestring(key)}: {value}"


def _array(items: list[str], depth: int) -> str:
    if not items:
        return "[]"
    inner = "  " * (depth + 1)
    return "[\n" + ",\n".join(inner + item for item in items) + "\n" + "  " * depth + "]"


def _playbook(report: PlaybookSummary, today: date, depth: int, reviews: list[dict[str, Any]] | None) -> str:
    components = [{"id": c.id, "title": c.title, "critical": c.critical}
                  | {level: list(c.sites.get(level, ())) for level in LEVELS} for c in report.components]
    adaptations = [{"component": a.component, "title": a.title, "core": a.core, "sites": a.sites,
                    "choices": [{"choice": c.choice, "sites": list(c.sites), "reasons": list(c.reasons)}
                                for c in a.choices]} for a in report.adaptations]
    return _object([("id", dumps(report.playbook.id)), ("title", dumps(report.playbook.title)),
                    ("latest_version", dumps(report.latest)), ("bands", dumps(dict(report.bands), depth + 1)),
                    ("sites", _array([dated_json(s.json, *dated(s.schedule, today)) for s in report.sites],
                                     depth + 1)),
                    ("components", dumps(components, depth + 1)),
                    ("adaptations", dumps(adaptations, depth + 1)),
                    ("reach_and_outcomes", dumps(playbook_data(report, today), depth + 1)),
                    *([("regulator", dumps(regulated, depth + 1))] if (regulated := regulator_data(report, today))
                      else []),
                    *([("reviews", dumps(reviews, depth + 1))] if reviews is not None else [])], depth)


def report_json(report: NetworkSummary, reviews: dict[str, list[dict[str, Any]]] | None = None) -> str:
    """The whole report as JSON, exactly as `json.dumps(data, indent=2, ensure_ascii=False)` would write it; with
    each playbook's programme reviews (`report.reviews.review_data`) when they are given."""
    playbooks = [_playbook(p, report.today, 2, None if reviews is None else reviews.get(p.playbook.id, []))
                 for p in report.playbooks]
    return _object([("today", dumps(report.today.isoformat())), ("playbooks", _array(playbooks, 1))], 0)
