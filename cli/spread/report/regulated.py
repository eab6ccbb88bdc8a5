"""The regulator's rating of each site in `spread report` (`spread.model.regulator`): the latest published rating
with its day and report, beside the self-rated bands and never part of them, and its age worked out for the report's
date, as the site's page and the dashboard show it ("old" past the playbook's limit)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from spread.model import periods
from spread.model.regulator import RegulatorRating, Standing, latest, standing
from spread.model.site import Site
from spread.report.text import table

if TYPE_CHECKING:
    from spread.report.summary import PlaybookSummary

# What a site summary keeps of its ratings: the latest one's words, day and report address (or None: never rated).
Kept = tuple[str, str, str | None] | None


def kept(site: Site) -> Kept:
    found = latest(site.regulator_ratings)
    return (found.rating, found.date, found.report) if found else None


def _standings(report: PlaybookSummary, today: date) -> list[tuple[str, Standing | None]]:
    regulator = report.playbook.regulator
    assert regulator is not None
    return [(s.site, standing(regulator, (RegulatorRating(s.regulator[0], s.regulator[1], 0, s.regulator[2]),), today)
             if s.regulator else None) for s in report.sites]


def regulator_lines(report: PlaybookSummary, today: date) -> list[str]:
    """The table of ratings under a playbook's sites (nothing when its playbook names no regulator)."""
    regulator = report.playbook.regulator
    if regulator is None or not report.sites:
        return []
    rows = [["Site", "Rating", "Day", "Age"]]
    for site, now in _standings(report, today):
        if now is None:
            rows.append([site, "not rated yet", "", ""])
        else:
            age = periods.age_words(now.months)
            rows.append([site, now.rating.rating, now.rating.date, f"old: {age}" if now.stale else age])
    return ["", f"{regulator.name} ratings, the regulator's own (not part of the fidelity score; old after "
            f"{periods.age_words(regulator.stale_after)}):", *("  " + r for r in table(rows))]


def regulator_data(report: PlaybookSummary, today: date) -> dict[str, Any] | None:
    """The same for the JSON report: each site's latest rating, its age in whole months and whether it is old."""
    regulator = report.playbook.regulator
    if regulator is None:
        return None
    return {"name": regulator.name, "old_after_months": regulator.stale_after,
            "sites": [{"site": site, "rating": now.rating.rating if now else None,
                       "date": now.rating.date if now else None, "report": now.rating.report if now else None,
                       "age_months": now.months if now else None, "old": now.stale if now else None}
                      for site, now in _standings(report, today)]}
