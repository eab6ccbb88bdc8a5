"""Rules about time in a self-audit: it rates a period that is over, and was finished once that period ended.

An audit rates what a site can show happened, so a period that has not ended cannot be rated yet, and the
day the audit was finished (`completed`) falls on or after the period's last day and no later than today.
The day is today, or the day `spread check --today` works from.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spread.check.rules.common import at
from spread.errors import Problem
from spread.model import periods
from spread.model.audit import Audit


def check_dates(audit: Audit, shown: str, today: date) -> Iterator[Problem]:
    """The period is over, and `completed` is given, real, not before the period's end and not after today."""
    try:
        _, end = periods.bounds(audit.period)
    except ValueError:  # the schema reports a period that is not one
        return
    if end >= today:
        what = " and record its figures" if audit.figures or audit.voice else ""
        last = periods.ended(periods.frequency_of(audit.period), today)
        yield at(shown, audit.doc, ("period",), "error", f"the period {audit.period} has not ended yet (its last day "
                 f"is {end.isoformat()}): rate a period{what} once it is over; the latest that has ended is {last}",
                 "audit-period-not-ended")
        return
    completed = periods.real_date(audit.completed)
    if completed is None:
        has_key = "completed" in audit.doc.data
        yield at(shown, audit.doc, ("completed",) if has_key else ("period",), "error", f"the audit of "
                 f"{audit.period} has no `completed` date: add the day it was finished (YYYY-MM-DD), on or after "
                 f"{end.isoformat()}, when the period ended", "audit-completed-missing", key=not has_key)
    elif completed > today:
        yield at(shown, audit.doc, ("completed",), "error", f"the audit is marked completed on {audit.completed}, "
                 f"which is after today ({today.isoformat()}): use the date it was finished",
                 "audit-completed-future")
    elif completed < end:
        yield at(shown, audit.doc, ("completed",), "error", f"the audit was completed on {audit.completed}, before "
                 f"the period {audit.period} ended ({end.isoformat()}): rate practice once the period is over, and "
                 "give the day you finished", "audit-completed-early")
