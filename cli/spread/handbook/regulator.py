"""An external regulator's rating on the pages, beside the self-rated band and never mixed into it
(`spread.model.regulator`): on a site's page, its latest rating with the day, the published report and, when it is
old, its age; on the dashboard, one cell per site."""

from __future__ import annotations

from datetime import date

from spread.handbook.escaping import link
from spread.handbook.markup import inline
from spread.handbook.words import day, sentence
from spread.model import periods
from spread.model.regulator import Regulator, Standing, standing
from spread.model.site import Site


def rating_words(now: Standing) -> str:
    """`Good, 12 June 2025` (with the published report linked); `…: old, 3 years` when it is past the limit."""
    rated = f"{inline(sentence(now.rating.rating))}, {inline(day(now.rating.date))}"
    old = f' <strong class="spread-stale">old: {periods.age_words(now.months)}</strong>' if now.stale else ""
    return link(rated, now.rating.report) + old


def rating_record(site: Site, regulator: Regulator | None, today: date) -> list[tuple[str, str]]:
    """The site page's row for its regulator's rating: none when the playbook names no regulator."""
    if regulator is None:
        return []
    now = standing(regulator, site.regulator_ratings, today)
    value = (rating_words(now) + f" (the {inline(regulator.name)}'s own rating, not part of the fidelity score)"
             if now else f"Not rated by the {inline(regulator.name)} yet")
    return [(f"{inline(regulator.called)} rating", value)]


def rating_cell(site: Site, regulator: Regulator, today: date) -> str:
    now = standing(regulator, site.regulator_ratings, today)
    return rating_words(now) if now else "Not rated yet"
