"""Rules for a self-audit: it belongs to a real site and version, and rates exactly that version's items."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from pathlib import PurePosixPath

from spread.check.rules.common import at
from spread.check.rules.dates import check_dates
from spread.check.rules.figures import check_figures
from spread.check.rules.site import unknown_version
from spread.errors import Problem, words
from spread.model.audit import Audit
from spread.model.instrument import Item
from spread.model.playbook import CoreComponent, Playbook
from spread.model.regimes import for_regime
from spread.model.scales import shown as point_text
from spread.model.scales import told
from spread.model.semver import is_newer
from spread.network.repo import Network


def check(network: Network, today: date | None = None) -> Iterator[Problem]:
    today = today or date.today()
    for (playbook_folder, site_folder), audits in network.audits.items():
        site = network.sites.get((playbook_folder, site_folder))
        for audit in audits:
            shown = network.path_of(audit.doc)
            yield from _placement(audit, shown, playbook_folder, site_folder)
            if site is None and f"fidelity/{playbook_folder}/{site_folder}/site.yaml" in network.unreadable:
                continue
            if site is None:
                yield at(shown, audit.doc, ("site",), "error", f"there is no site.yaml in fidelity/{playbook_folder}/"
                         f"{site_folder}/ for this audit: set the site up with `spread site new`", "audit-site-unknown")
                continue
            if is_newer(audit.version, site.version):
                yield at(shown, audit.doc, ("playbook", "version"), "error", f"this audit uses version {audit.version}, "
                         f"but the site is on {site.version}: use {site.version}", "audit-version-ahead")
            playbook = network.playbook_version(audit.playbook, audit.version)
            if playbook is None:
                if not network.is_broken(f"playbooks/{audit.playbook}"):
                    yield unknown_version(network, shown, audit.doc, audit.playbook, audit.version, "audit")
                continue
            # An audit under a light-touch regime rates that regime's items alone (`model.regimes`); one naming a
            # regime the playbook lacks has that one problem (`check.rules.regimes`), not one per item.
            if audit.regime is None or any(r.id == audit.regime for r in playbook.instrument.regimes):
                yield from check_ratings(for_regime(playbook, audit.regime), audit, shown)
            yield from check_goals_and_actions(playbook, audit, shown)
            yield from check_figures(playbook, audit, shown)
            yield from check_dates(audit, shown, today)


def _placement(audit: Audit, shown: str, playbook_folder: str, site_folder: str) -> Iterator[Problem]:
    if audit.site != site_folder:
        yield at(shown, audit.doc, ("site",), "error", f"this audit is for site `{audit.site}` but sits in the folder "
                 f"of `{site_folder}`: correct `site` or move the file", "audit-site-folder")
    if audit.playbook != playbook_folder:
        yield at(shown, audit.doc, ("playbook", "id"), "error", f"this audit names playbook `{audit.playbook}` but its "
                 f"site runs `{playbook_folder}`: use `{playbook_folder}`", "audit-playbook-folder")
    stem = PurePosixPath(shown).stem
    if stem != audit.period:
        yield at(shown, audit.doc, ("period",), "error", f"the period {audit.period} does not match the file name "
                 f"{PurePosixPath(shown).name}: name the file {audit.period}.yaml", "audit-period-filename")


def _how_to_rate(pb: Playbook, item: Item | None = None) -> str:
    ins = pb.instrument
    if ins.kind != "anchored":
        return "give a `level` (expected, developmental or unacceptable)"
    if item is None:
        return "give a `score` on the item's scale"
    scores = told(item.scores)
    return f"give a `score` {'from' if ' to ' in scores else 'of'} {scores}"


def check_ratings(pb: Playbook, audit: Audit, shown: str) -> Iterator[Problem]:
    anchored = pb.instrument.kind == "anchored"
    items = {item.id: item for item in pb.instrument.items}
    for item in pb.instrument.items:
        if item.id not in audit.ratings:
            yield at(shown, audit.doc, ("ratings",), "error", f"item {item.id} ({item.title}) is missing from this "
                     f"audit: add `{item.id}:` and {_how_to_rate(pb, item)}, or say why in `not_rated`",
                     "audit-item-missing")
    for key, rating in audit.ratings.items():
        where = ("ratings", key)
        found = items.get(key)
        if found is None:
            close = difflib.get_close_matches(key, list(items), n=1)
            fix = (f"did you mean `{close[0]}`?" if close else f"its items are {words(list(items), joiner='and')}"
                   if items else "it rates no items, only goals: remove the rating (`ratings: {}`)")
            yield at(shown, audit.doc, where, "error", f"version {pb.version} of `{pb.id}` has no item `{key}`: {fix}",
                     "audit-item-unknown", key=True)
            continue
        item = found
        given = rating.score is not None or rating.level is not None
        if rating.not_rated is not None and given:
            yield at(shown, audit.doc, (*where, "not_rated"), "error", f"{key} has both a rating and `not_rated`: "
                     "keep one", "audit-rating-both")
        elif rating.not_rated is None and not given:
            yield at(shown, audit.doc, where, "error", f"{key} has no rating yet: {_how_to_rate(pb, item)}, "
                     "or say why it could not be rated in `not_rated`", "audit-unrated", key=True)
        elif anchored and rating.level is not None:
            yield at(shown, audit.doc, (*where, "level"), "error", f"{key} is rated on the playbook's scale: "
                     f"{_how_to_rate(pb, item)} instead of a level", "audit-rating-kind")
        elif not anchored and rating.score is not None:
            yield at(shown, audit.doc, (*where, "score"), "error", f"{key} is rated on its practice profile: "
                     f"{_how_to_rate(pb)} instead of a score", "audit-rating-kind")
        elif rating.score is not None and rating.score not in item.scores:
            off = "off the scale" if not item.bottom <= rating.score <= item.top else "not one of its scores"
            yield at(shown, audit.doc, (*where, "score"), "error", f"{key} is scored {point_text(rating.score)}, which "
                     f"is {off}: {_how_to_rate(pb, item)}", "audit-score-off-scale")
        elif rating.level == "ideal" and not _has_ideal(pb, item):
            yield at(shown, audit.doc, (*where, "level"), "error", f"`{key}` has no ideal level in its practice "
                     "profile: use expected, developmental or unacceptable", "audit-level-unknown")


def _has_ideal(pb: Playbook, item: Item) -> bool:
    component = pb.component(item.component)
    return isinstance(component, CoreComponent) and component.practice.ideal is not None


def check_goals_and_actions(pb: Playbook, audit: Audit, shown: str) -> Iterator[Problem]:
    goals = {goal.id: goal for goal in pb.instrument.goals}
    for key, data in audit.goals.items():
        goal = goals.get(key)
        if goal is None:
            yield at(shown, audit.doc, ("goals", key), "error", f"version {pb.version} of `{pb.id}` has no goal `{key}`: "
                     f"its goals are {words(list(goals), joiner='and')}", "audit-goal-unknown", key=True)
        elif goal.is_fraction and data.value is not None:
            yield at(shown, audit.doc, ("goals", key, "value"), "error", f"goal {key} is a fraction: give `numerator` "
                     "and `denominator` instead of `value`", "audit-goal-data")
        elif not goal.is_fraction and (data.numerator is not None or data.denominator is not None):
            yield at(shown, audit.doc, ("goals", key), "error", f"goal {key} is a single number: give `value` instead "
                     "of a numerator and denominator", "audit-goal-data")
        elif goal.unit == "percent" and data.numerator is not None and data.denominator is not None \
                and data.numerator > data.denominator:
            yield at(shown, audit.doc, ("goals", key, "numerator"), "error", f"goal {key} is a share, but the "
                     f"numerator ({data.numerator:g}) is larger than the denominator ({data.denominator:g}), which would "
                     "make it more than 100%: check the counts", "audit-goal-over-100")
        elif goal.unit == "count" and data.value is not None and data.value < 0:
            yield at(shown, audit.doc, ("goals", key, "value"), "error", f"goal {key} is a count, so it cannot be "
                     f"{data.value:g}: give the number counted, 0 or more", "audit-goal-negative")
    known = {item.id for item in pb.instrument.items} | {c.id for c in pb.core}
    for i, action in enumerate(audit.actions):
        if action.item is not None and action.item not in known:
            yield at(shown, audit.doc, ("actions", i, "item"), "warning", f"the action is about `{action.item}`, which "
                     "is not an item of this audit: use an item id", "audit-action-item-unknown")

