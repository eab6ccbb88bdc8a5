"""A network report as plain data: the JSON of `spread report`, and the rows of its CSV."""

from __future__ import annotations

from typing import Any

from spread.report import LEVELS, NetworkReport, PlaybookReport, SiteStatus
from spread.scoredata import change_data, rounded


def trend_data(status: SiteStatus) -> list[dict[str, Any]]:
    return [{"period": s.period, "version": s.version, "total": rounded(s.total), "percent": rounded(s.percent),
             "band": s.band.label if s.band else None, "complete": s.complete} for s in status.trend]


def site_row(status: SiteStatus) -> dict[str, Any]:
    """One site, flat: the columns of the CSV, and the head of each site in the JSON."""
    site, score = status.site, status.score
    return {
        "site": site.id, "name": site.name, "stage": site.stage, "version": site.version,
        "latest_version": status.latest_version, "behind": status.behind,
        "last_audit": score.period if score else None, "band": status.band,
        "complete": score.complete if score else None,
        "total": rounded(score.total) if score else None, "maximum": score.maximum if score else None,
        "percent": rounded(score.percent) if score else None,
        "overdue": status.overdue, "audit_due": status.due,
        "critical_breaches": sorted({r.item.component for r in score.breaches}) if score else [],
        "below_minimum": [r.item.id for r in score.below_min] if score else [],
        "goals_met": score.goals_summary if score and score.goals else None,
    }


def _playbook(report: PlaybookReport) -> dict[str, Any]:
    return {
        "id": report.playbook.id, "title": report.playbook.title, "latest_version": report.latest,
        "bands": dict(report.bands),
        "sites": [site_row(s) | {"trend": trend_data(s), "change": change_data(s.change)} for s in report.sites],
        "components": [{"id": c.id, "title": c.title, "critical": c.critical}
                       | {level: list(c.sites.get(level, ())) for level in LEVELS} for c in report.components],
        "adaptations": [{"component": a.component, "title": a.title, "core": a.core, "sites": a.sites,
                         "choices": [{"choice": c.choice, "sites": list(c.sites), "reasons": list(c.reasons)}
                                     for c in a.choices]} for a in report.adaptations],
    }


def report_data(report: NetworkReport) -> dict[str, Any]:
    return {"today": report.today.isoformat(), "playbooks": [_playbook(p) for p in report.playbooks]}
