"""Audit periods: 2026-Q3 (quarterly), 2026-H2 (half-yearly), 2026-09 (monthly), 2026 (yearly)."""

from __future__ import annotations

import re
from datetime import date, timedelta

# [0-9], not \d: Python's \d and int() also take full-width and Arabic-Indic digits (２０２６-Q3); \Z, not $,
# which would take a newline at the end.
PERIOD = re.compile(r"^([0-9]{4})(?:-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?\Z")
# The years a period (and the day a command works from) may be in; the schemas say the same. Within them every
# date worked out (a period's end plus the grace days, the period before) stays inside Python's calendar.
FIRST_YEAR, LAST_YEAR = 1900, 2999
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}
# Sites finish an audit after its period ends; one that is this late is overdue.
GRACE_DAYS = 45


def bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period. Raises ValueError for text that is not a period."""
    match = PERIOD.match(period)
    if match is None:
        raise ValueError(f"not a period: {period!r}")
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        first_month, months = 1, 12
    elif part[0] == "Q":
        first_month, months = 3 * (int(part[1]) - 1) + 1, 3
    elif part[0] == "H":
        first_month, months = 6 * (int(part[1]) - 1) + 1, 6
    else:
        first_month, months = int(part), 1
    end_month = first_month + months
    # December's last day is written out: "the day before next January" does not exist in 9999.
    end = date(year, 12, 31) if end_month > 12 else date(year, end_month, 1) - timedelta(days=1)
    return date(year, first_month, 1), end


def problem(period: str) -> str | None:
    """Why `period` cannot be an audit period, as a sentence saying what to write, or None."""
    match = PERIOD.match(period)
    if match is None:
        return (f"{period} is not a period: write a year with a quarter (2026-Q3), a half (2026-H2) or a month "
                "(2026-09), or a year alone (2026), in the digits 0-9")
    if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        return f"{period} is too far from now: give a period in the years {FIRST_YEAR} to {LAST_YEAR}"
    return None


def frequency_of(period: str) -> str:
    match = PERIOD.match(period)
    part = match.group(2) if match else None
    if part is None:
        return "yearly"
    return {"Q": "quarterly", "H": "half-yearly"}.get(part[0], "monthly")


def containing(day: date, frequency: str) -> str:
    """The period of the given frequency that contains a day."""
    if frequency == "yearly":
        return f"{day.year:04d}"
    if frequency == "half-yearly":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if frequency == "monthly":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def previous(period: str) -> str:
    start, _ = bounds(period)
    return containing(start - timedelta(days=1), frequency_of(period))


def due(frequency: str, today: date) -> str:
    """The latest period whose audit should be finished by today (its end plus the grace days)."""
    # Commands refuse days outside these years; held to them here too, stepping back can never leave the calendar.
    today = min(max(today, date(FIRST_YEAR, 1, 1)), date(LAST_YEAR, 12, 31))
    period = previous(containing(today, frequency))
    while bounds(period)[1] + timedelta(days=GRACE_DAYS) > today:
        period = previous(period)
    return period


def sort_key(period: str) -> tuple[date, date]:
    """Orders periods by when they start (then end), across frequencies."""
    try:
        return bounds(period)
    except ValueError:
        return (date.max, date.max)


def is_overdue(latest: str | None, frequency: str, today: date, every: int = 1) -> bool:
    """True when a site's latest audit is older than the period now due (or it has none). With `every` n, one audit
    in n periods is enough: yearly every 3 is overdue once none covers the due year or the two before it."""
    if latest is None:
        return True
    earliest = due(frequency, today)
    for _ in range(every - 1):
        earliest = previous(earliest)
    return bounds(latest)[1] < bounds(earliest)[0]


def ended(frequency: str, today: date) -> str:
    """The latest period of a frequency that has ended by today (today's own period has not)."""
    today = min(max(today, date(FIRST_YEAR, 1, 1)), date(LAST_YEAR, 12, 31))
    return previous(containing(today, frequency))


def months_since(period: str, today: date) -> int:
    """Whole months from the end of a period to today: 0 within a month of it (or before it has ended)."""
    end = bounds(period)[1] + timedelta(days=1)
    months = (today.year - end.year) * 12 + today.month - end.month - (today.day < end.day)
    return max(months, 0)


def age_words(months: int) -> str:
    """How old something is, as people say it: `less than a month`, `1 month`, `14 months`, `3 years`."""
    if months < 1:
        return "less than a month"
    if months < 24:
        return f"{months} month{'s' * (months != 1)}"
    return f"{months // 12} years"


def real_date(text: str | None) -> date | None:
    """The date a text names, or None for no text or a text that is not a real date."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
