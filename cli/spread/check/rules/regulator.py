"""Rules about an external regulator's ratings (`spread.model.regulator`): a site records them only when its playbook
names a regulator, in that regulator's words, on a real day that has come; the latest one old past the playbook's
limit is a warning (the day passing changes no file, so it cannot be an error)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date

from spread.check.rules.common import at
from spread.errors import Problem, words
from spread.model import periods
from spread.model.regulator import standing
from spread.network.repo import Network


def check(network: Network, today: date | None = None) -> Iterator[Problem]:
    day = today or date.today()
    for site in network.sites.values():
        runs = network.playbook_version(site.playbook, site.version)
        if runs is None or not site.regulator_ratings:
            continue
        shown, regulator = network.path_of(site.doc), runs.regulator
        if regulator is None:
            yield at(shown, site.doc, ("regulator_ratings",), "error", f"this site records a regulator's ratings, but "
                     f"version {runs.version} of `{runs.id}` names no regulator: add `regulator:` (its name and rating "
                     "words) to the playbook, or remove `regulator_ratings`", "regulator-none", key=True)
            continue
        for r in site.regulator_ratings:
            where = ("regulator_ratings", r.index)
            if r.rating not in regulator.ratings:
                close = difflib.get_close_matches(r.rating, list(regulator.ratings), n=1, cutoff=0.5)
                fix = f"did you mean `{close[0]}`?" if close else f"use {words(list(regulator.ratings), joiner='or')}"
                yield at(shown, site.doc, (*where, "rating"), "error", f"`{r.rating}` is not one of the "
                         f"{regulator.called} ratings the playbook lists: {fix}", "regulator-rating-unknown")
            day_rated = periods.real_date(r.date)
            if day_rated is None:
                yield at(shown, site.doc, (*where, "date"), "error", f"{r.date} is not a real date: give the day the "
                         "rating was published, as YYYY-MM-DD", "regulator-date")
            elif day_rated > day:
                yield at(shown, site.doc, (*where, "date"), "error", f"the rating is dated {r.date}, after today "
                         f"({day.isoformat()}): give the day it was published", "regulator-date-future")
        now = standing(regulator, site.regulator_ratings, day)
        if now is not None and now.stale and periods.real_date(now.rating.date) is not None:
            yield at(shown, site.doc, ("regulator_ratings", now.rating.index, "date"), "warning", f"the latest "
                     f"{regulator.called} rating ({now.rating.rating}, {now.rating.date}) is "
                     f"{periods.age_words(now.months)} old, past the {regulator.stale_after} months the playbook "
                     "allows: record the newer rating if there is one; the handbook shows this one as old",
                     "regulator-rating-old")
