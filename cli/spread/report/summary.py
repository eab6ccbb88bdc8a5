"""One site of `spread report`, worked out once: everything the text, JSON and CSV formats and the roll-ups need
of it, as plain data, so that it can be kept in `.spread-cache/` and a warm report loads no site at all. It does not
depend on the report's date: it keeps what overdue and due are worked out from (`report.rollup.Schedule`), and the
renderers work them out for the date asked with `report.rollup.deadline`, as the handbook's `SiteStatus` does.

The handbook keeps using full `SiteStatus` and `PlaybookReport`; both paths share the roll-ups (`component_rollup`,
`band_rollup`, `report.learning.rollup`) and the per-site formatting, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spread.model.playbook import Playbook
from spread.report.learning import Made, rollup
from spread.report.measures import SiteMeasures
from spread.report.measures import from_plain as measures_from_plain
from spread.report.rollup import (
    NetworkRollUp,
    RollUp,
    Schedule,
    band_rollup,
    component_rollup,
    counted,
)

# One spreadsheet cell of the CSV form.
Cell = str | int | float


@dataclass(frozen=True)
class SiteSummary:
    """A site's report entry, whatever the report's date: its id, band label, component levels at its latest audit
    (none without an audit), adaptation choices, what its audit deadline is worked out from, its measures, text-table cells
    (`report.text.site_columns`), JSON entry (`report.data.site_json`) and CSV cells (`report.csv.site_cells`). The
    renderers fill in whether it is overdue and when its audit is due, for the date asked (`report.rollup.deadline`)."""

    site: str
    band: str
    levels: dict[str, str]
    choices: tuple[Made, ...]
    schedule: Schedule
    text: tuple[str, ...]
    json: tuple[str, str]
    csv: tuple[tuple[Cell, ...], tuple[Cell, ...]]
    measures: SiteMeasures = field(default_factory=SiteMeasures)
    # The latest regulator's rating (`report.regulated.Kept`): its age is worked out for the report's date.
    regulator: tuple[str, str, str | None] | None = None

    def plain(self) -> tuple[Any, ...]:
        """As marshal-able data (see `from_plain`)."""
        s = self.schedule
        schedule = (s.last, s.frequency, s.chased, s.every, s.others, s.title)
        return (self.site, self.band, self.levels, self.choices, schedule, self.text, self.json, self.csv,
                self.measures.plain(), self.regulator)


def from_plain(plain: Any) -> SiteSummary | None:
    """A kept summary, or None if it does not have the shape `SiteSummary.plain` gives."""
    if not (isinstance(plain, tuple) and len(plain) == 10 and isinstance(plain[2], dict)):
        return None
    site, band, levels, choices, schedule, text, json, csv, kept, regulator = plain
    measures = measures_from_plain(kept)
    if not (isinstance(site, str) and isinstance(band, str) and isinstance(choices, tuple)
            and isinstance(text, tuple) and len(text) > 1 and _pair(json, str) and _pair(csv, tuple)
            and isinstance(schedule, tuple) and len(schedule) == 6 and isinstance(schedule[0], str | None)
            and isinstance(schedule[1], str) and isinstance(schedule[2], bool) and isinstance(schedule[3], int)
            and isinstance(schedule[4], tuple) and all(_deadline(d) for d in schedule[4])
            and isinstance(schedule[5], str | None)
            and measures is not None and _rating(regulator)):
        return None
    return SiteSummary(site, band, levels, choices, Schedule(*schedule), text, json, csv, measures, regulator)


def _rating(value: Any) -> bool:
    """A kept regulator's rating: none, or its words, day and report address (or None)."""
    return value is None or (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], str)
                             and isinstance(value[1], str) and isinstance(value[2], str | None))


def _deadline(value: Any) -> bool:
    """A regime's deadline as `report.regimes.deadlines` gives it: title, latest period or None, frequency, every."""
    return (isinstance(value, tuple) and len(value) == 4 and isinstance(value[0], str)
            and isinstance(value[1], str | None) and isinstance(value[2], str) and isinstance(value[3], int))


def _pair(value: Any, kind: type) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], kind) and isinstance(value[1], kind)


PlaybookSummary = RollUp[SiteSummary]
NetworkSummary = NetworkRollUp[SiteSummary]


def playbook_summary(playbook: Playbook, latest: str | None, sites: tuple[SiteSummary, ...],
                     today: date) -> PlaybookSummary:
    """A playbook's part of the report on `today`: a site whose latest audit is out of date then counts as such."""
    levels = [(s.site, s.levels) for s in sites if s.levels]
    return PlaybookSummary(playbook, latest, sites, component_rollup(playbook, levels),
                           band_rollup(playbook, [counted(s.band, s.schedule, today) for s in sites]),
                           rollup(playbook, [(s.site, list(s.choices)) for s in sites]))
