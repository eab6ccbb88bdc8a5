"""An external regulator's rating, recorded beside the self-rating (issue 20).

Some programmes are registered with and inspected by a regulator (a Shared Lives scheme by the Care Quality
Commission in England). The playbook names the regulator and its rating words, best first; a site records each
published rating with its date and a link to the report. The rating is shown beside the self-rated band and is
never part of the fidelity score; it is old once more months have passed than the playbook allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spread.model import periods

STALE_AFTER_MONTHS = 36


@dataclass(frozen=True)
class Regulator:
    """The regulator a playbook's sites are rated by: its name, a short name for tables, its rating words (best
    first) and how many months a rating stands for before it is old."""

    name: str
    ratings: tuple[str, ...]
    short: str | None = None
    url: str | None = None
    stale_after: int = STALE_AFTER_MONTHS

    @property
    def called(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class RegulatorRating:
    """One published rating of a site (`index`: its place in the site's list, for positions)."""

    rating: str
    date: str
    index: int
    report: str | None = None


@dataclass(frozen=True)
class Standing:
    """A site's latest rating on a day: the rating, how many whole months old it is, and whether that is too old."""

    rating: RegulatorRating
    months: int
    stale: bool


def latest(ratings: tuple[RegulatorRating, ...]) -> RegulatorRating | None:
    """The most recent rating (by its date; of two on one day, the later in the file)."""
    dated = [r for r in ratings if periods.real_date(r.date) is not None]
    return max(dated, key=lambda r: (r.date, r.index), default=None)


def standing(regulator: Regulator, ratings: tuple[RegulatorRating, ...], today: date) -> Standing | None:
    """The latest rating and its age on `today`, or None when the site has none."""
    found = latest(ratings)
    if found is None:
        return None
    day = periods.real_date(found.date)
    assert day is not None
    months = max((today.year - day.year) * 12 + today.month - day.month - (today.day < day.day), 0)
    return Standing(found, months, months >= regulator.stale_after)
