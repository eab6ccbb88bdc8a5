"""Audit periods: 2026-Q3 (quarterly), 2026-H2 (half-yearly), 2026-09 (monthly), 2026 (yearly)."""

from __future__ import annotations

import re
from datetime import date, timedelta

PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$")
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
    start = date(year, first_month, 1)
    end_month = first_month + months
    end = date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def frequency_of(period: str) -> str:
    match = PERIOD.match(period)
    part = match.group(2) if match else None
    if part is None:
        return "yearly"
    return {"Q": "quarterly", "H": "half-yearly"}.get(part[0], "monthly")


def containing(day: date, frequency: str) -> str:
    """The period of the given frequency that contains a day."""
    if frequency == "yearly":
        return f"{day.year}"
    if frequency == "half-yearly":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if frequency == "monthly":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def previous(period: str) -> str:
    start, _ = bounds(period)
    return containing(start - timedelta(days=1), frequency_of(period))


def due(frequency: str, today: date) -> str:
    """The latest period whose audit should be finished by today (its end plus the grace days)."""
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


def is_overdue(latest: str | None, frequency: str, today: date) -> bool:
    """True when a site's latest audit is older than the period now due (or it has none)."""
    if latest is None:
        return True
    return bounds(latest)[1] < bounds(due(frequency, today))[0]
