"""A network report for the terminal: a table of sites, each core component across sites, and what sites adapt."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from spread.report.rollup import LEVELS, NO_COMPONENT_LEVELS, SiteStatus, dated, stale_words
from spread.scoring import shown
from spread.scoring.results import Score

if TYPE_CHECKING:
    from spread.report.summary import PlaybookSummary

REASON_WIDTH = 100


def table(rows: list[list[str]]) -> list[str]:
    """Left-aligned columns, two spaces apart, the first row a header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]


def trend_text(trend: tuple[Score, ...]) -> str:
    """Percent at each audit, oldest first, in the playbook's format: `73 → 80 → –` (– for no score), with `|` where
    the playbook version changes (`73 → 80 | 90`): scores on either side are not comparable."""
    cells = [("" if i == 0 else " | " if s.version != trend[i - 1].version else " → ")
             + (shown.percent(s).rstrip("%") or "–") for i, s in enumerate(trend)]
    return "".join(cells) or "–"


def version_break(version: str, period: str) -> str:
    """What a change of playbook version means for a trend, in words (the handbook's charts say the same)."""
    return f"version {version} from {period}: not comparable with before"


# Said under a table whose trends cross a change of playbook version.
BREAK_NOTE = ("A | in a trend marks a new playbook version: it may rate other items and band them differently, so "
              "scores before it are not comparable with those after.")


def _flags(status: SiteStatus) -> str:
    """The flags but the overdue one, which `dated_columns` puts in front."""
    flags = []
    score = status.score
    if status.behind:
        flags.append(f"behind ({status.latest_version} out)")
    if score is not None:
        flags += [f"critical breach: {c}" for c in sorted({r.item.component for r in score.breaches})]
        below = [r.item.id for r in score.below_min if not r.critical_breach]
        if below:
            line = "below the fidelity line" if score.kind == "practice-profile" else "below minimum"
            flags.append(f"{line}: {', '.join(below)}")
    return "; ".join(flags)


def site_columns(status: SiteStatus) -> list[str]:
    """One site's cells in the table of sites, whatever the date: without its overdue flag (see `dated_columns`)."""
    s = status.score
    total = f"{shown.total(s.total)} of {shown.total(s.maximum)}" if s and s.total is not None else ""
    band = shown.band_word(s, status.band) if s else status.band
    if s and s.areas and not s.bands:  # a verdict of goals met reads with its areas, as on the site's page
        band += f" ({', '.join(shown.area_words(s))})"
    return [status.site.id, status.site.version, s.period if s else "none", band, s.review or "" if s else "", total,
            shown.percent(s) if s else "", trend_text(status.trend), _flags(status)]


def dated_columns(columns: Sequence[str], overdue: bool, due: str, stale: bool = False,
                  age: int | None = None) -> list[str]:
    """A site's cells from `site_columns`, with its flag for the day, first among its flags: out of date (with the age
    of its latest audit, and the period due if it is chased), or overdue (no audit yet)."""
    if stale and age is not None:
        flag = stale_words(columns[2], age) + (f" ({due} due)" if overdue else "")
    elif overdue:
        flag = f"overdue ({due} due)"
    else:
        return list(columns)
    others = columns[-1]
    return [*columns[:-1], f"{flag}; {others}" if others else flag]


def _components(report: PlaybookSummary) -> list[str]:
    rows = [["Core component", "expected", "developmental", "unacceptable", "no rating"]]
    for c in report.components:
        counts = [c.count(level) for level in LEVELS]
        name = c.id + (" (critical)" if c.critical else "")
        rows.append([name, *map(str, counts), str(len(report.sites) - sum(counts))])
    return table(rows)


def _shorten(text: str) -> str:
    return text if len(text) <= REASON_WIDTH else text[:REASON_WIDTH - 1].rstrip() + "…"


def _adaptations(report: PlaybookSummary) -> list[str]:
    if not report.adaptations:
        return ["  nothing to choose: the playbook has no local components, and no site has changed a core component"]
    lines = []
    for a in report.adaptations:
        kind = "core component, changed" if a.core else "local component"
        lines.append(f"  {a.title} [{a.component}], {kind}: {a.sites} site{'s' * (a.sites != 1)}")
        if not a.choices:
            lines.append("    no site has recorded a choice yet")
        for choice in a.choices:
            lines.append(f"    {_shorten(choice.choice)}: {', '.join(choice.sites)}")
            lines += [f"      why: {_shorten(reason)}" for reason in choice.reasons]
    return lines


def playbook_text(report: PlaybookSummary, today: date) -> list[str]:
    """A playbook's part of the text report, on a day (which sites are overdue)."""
    pb = report.playbook
    names = {b.label: b.display for b in pb.instrument.bands}
    lines = [f"{pb.title} [{pb.id}], latest version {report.latest or pb.version}",
             f"{len(report.sites)} site{'s' * (len(report.sites) != 1)}. "
             f"{'Bands' if names else 'Verdicts'} at the latest audit: "
             + ("; " if not names else ", ").join(f"{names.get(label, label)}{' ' if names else ': '}{count}"
                                                   for label, count in report.bands) + "."]
    if not report.sites:
        return lines + ["No sites run this playbook yet."]
    header = ["Site", "Version", "Last audit", "Band", "Review", "Total", "Percent", "Trend (%)", "Flags"]
    rows = [dated_columns(s.text, *dated(s.schedule, today)) for s in report.sites]
    lines += ["", *table([header, *rows])]
    if any(" | " in row[header.index("Trend (%)")] for row in rows):
        lines.append(BREAK_NOTE)
    components = [*("  " + r for r in _components(report))] if pb.instrument.items else ["  " + NO_COMPONENT_LEVELS]
    lines += ["", "Each core component at the sites' latest audits:", *components]
    return lines + ["", "What sites chose, most common first (the learning loop):", *_adaptations(report)]
