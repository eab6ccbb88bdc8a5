"""Planning a self-audit: the period it covers, and the text of audits/<period>.yaml with every item to rate.

The same text serves a blank template (every rating empty, each item's anchors or practice profile as
comments beside it) and an audit filled in at the terminal: one layout, so both read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dfield
from datetime import date, timedelta
from pathlib import Path

from spread.adopt.figures_template import Given, figure_lines
from spread.model import periods
from spread.model.audit import Action, GoalData, Rater, Rating
from spread.model.instrument import Goal, Item, Regime
from spread.model.playbook import CoreComponent, Playbook
from spread.model.scales import ranges, told
from spread.model.site import Site
from spread.yaml.render import comment, field, modeline, scalar

SOURCES = "records, documents, interviews, observation, survey or other"
OPS = {">=": "at least", "<=": "at most"}
BETWEEN = "between the anchors"


@dataclass(frozen=True)
class AuditAnswers:
    """What is known of an audit when it is written: nothing yet for a template."""

    ratings: dict[str, Rating] = dfield(default_factory=dict)
    goals: dict[str, GoalData] = dfield(default_factory=dict)
    raters: tuple[Rater, ...] = (Rater("site-coordinator"),)
    review: str = "self"
    completed: str | None = None
    actions: tuple[Action, ...] | None = None  # None: an empty entry to fill in
    figures: Given | None = None  # None: every measure empty to fill in; else only those given
    voice: Given | None = None


def default_period(frequency: str, today: date) -> str:
    """The most recent period that has ended: the one a site rates now."""
    return periods.previous(periods.containing(today, frequency))


def free_period(folder: Path, period: str) -> str:
    """The first period after `period` that has no audit in the site's `audits/` folder: the one to name when
    `period` already has its audit."""
    nxt = periods.containing(periods.bounds(period)[1] + timedelta(days=1), periods.frequency_of(period))
    while (folder / f"{nxt}.yaml").exists():
        nxt = periods.containing(periods.bounds(nxt)[1] + timedelta(days=1), periods.frequency_of(nxt))
    return nxt


def period_problem(period: str, frequency: str) -> str | None:
    """Why a period cannot be audited by a playbook of this frequency, or None."""
    if not periods.PERIOD.match(period):
        return (f"{period} is not a period: write a year with a quarter (2026-Q3), a half (2026-H2) or a month "
                "(2026-09), or a year alone (2026)")
    if periods.frequency_of(period) != frequency:
        return (f"{period} is a {periods.frequency_of(period)} period, but this playbook's audits are {frequency}: "
                f"use a period like {periods.containing(periods.bounds(period)[0], frequency)}")
    return None


def levels(pb: Playbook, item: Item) -> list[tuple[str, str]]:
    """A practice-profile item's levels, best first, with what each looks like."""
    component = pb.component(item.component)
    assert isinstance(component, CoreComponent)
    p = component.practice
    best = [("ideal", p.ideal)] if p.ideal else []
    return [*best, ("expected", p.expected), ("developmental", p.developmental), ("unacceptable", p.unacceptable)]


def audit_yaml(root: Path, folder: Path, site: Site, pb: Playbook, period: str, answers: AuditAnswers,
               regime: Regime | None = None) -> str:
    """The audit file's text; under a review `regime` (`spread.model.regimes`), `pb` holds that regime's items."""
    return "\n".join(head_lines(root, folder, site, pb, period, answers, regime) + rating_lines(pb, answers)) + "\n"


def head_lines(root: Path, folder: Path, site: Site, pb: Playbook, period: str, answers: AuditAnswers,
               regime: Regime | None = None) -> list[str]:
    """The audit's lines up to its raters: the only ones that name the site (the form renders them per site)."""
    anchored = pb.instrument.kind == "anchored"
    how = "score (the number whose anchor" if anchored else "level (the one whose description"
    return [modeline(folder, root, "audit"),
            *comment(f"Self-audit of {site.name} for {period}, against `{pb.id}` version {pb.version}."),
            *comment(f"Rate what you can show happened in the period, not what is planned. For each item, write the "
                     f"{how} matches your evidence) and what it is based on. If an item cannot be rated, replace its "
                     "rating with `not_rated:` and the reason. Then run `spread check`." if pb.instrument.items else
                     "Give the figures each goal asks for, for what happened in the period; leave a number empty if "
                     "you have no data. Then run `spread check`."),
            *field("site", site.id), "playbook:", *field("id", pb.id, 2), *field("version", pb.version, 2),
            *field("period", period),
            *(field("regime", regime.id, note=f"{regime.title}: rate the items below") if regime else []),
            *comment("Who rated: self (your own team), guided (with a coach from the network), peer (people from "
                     f"another site of the network) or independent (from outside {site.host})."),
            *field("review", answers.review),
            *field("completed", answers.completed, note=None if answers.completed else "the date you finish (YYYY-MM-DD)"),
            *comment("One entry per person who rated: their role, not their name. For a peer or independent review, "
                     "add each reviewer's `organisation`, and a peer reviewer's `site` (the id of their site in the "
                     "network)."),
            "raters:", *rater_lines(answers.raters)]


def rating_lines(pb: Playbook, answers: AuditAnswers) -> list[str]:
    """The part of an audit (or a programme review) after who rated: every item to rate, goals, action plan."""
    anchored = pb.instrument.kind == "anchored"
    # An instrument of goals alone rates no items: an empty mapping, which the schema takes (an empty key it does not).
    lines = ["ratings:" if pb.instrument.items else "ratings: {}  # this instrument rates no items"]
    section = None
    for item in pb.instrument.items:
        lines.append("")
        if item.section and item.section != section:
            section = item.section
            title = next((s.title for s in pb.instrument.sections if s.id == section), section)
            lines += comment(f"== {title} ==", 2)
        lines += _item(pb, item, answers.ratings.get(item.id), anchored)
    lines += _goals(pb.instrument.goals, answers.goals)
    lines += figure_lines(pb, answers.figures, answers.voice)
    lines += ["", *comment("Action plan: what you will do next, starting with items below their minimum or below "
                           "expected practice. Add an entry per action."), *_actions(answers.actions)]
    return lines


def rater_lines(raters: tuple[Rater, ...]) -> list[str]:
    lines = []
    for r in raters:
        lines += field("- role", r.role, 2)
        lines += [line for key in ("name", "organisation", "site") if (value := getattr(r, key))
                  for line in field(key, value, 4)]
    return lines


def _actions(actions: tuple[Action, ...] | None) -> list[str]:
    if actions is None:
        return ["actions:", "  - item:  # an item id", "    action:", "    owner:  # a role", "    due:  # YYYY-MM-DD"]
    lines = ["actions:"] if actions else ["actions: []"]
    for a in actions:
        lines += [*field("- item", a.item, 2), *field("action", a.action, 4), *field("owner", a.owner, 4),
                  *field("due", a.due, 4)]
    return lines


def anchors(item: Item) -> list[tuple[str, str]]:
    """Each anchored score with its words, and each run of scores between two anchors as such, lowest first:
    `("2–9", "between the anchors")`."""
    return [(ranges(scores, item.scores), words if words is not None else BETWEEN) for scores, words in item.anchor_rows()]


def _item(pb: Playbook, item: Item, rating: Rating | None, anchored: bool) -> list[str]:
    component = pb.component(item.component)
    critical = isinstance(component, CoreComponent) and component.critical
    about = [f"core component {item.component}"] if anchored and item.component else []
    about += ["critical"] * critical + ([f"lowest acceptable score {item.min}"] if anchored and item.min else [])
    lines = comment(f"{item.id} · {item.title}" + (f" ({'; '.join(about)})" if about else ""), 2)
    if item.description:
        lines += comment(item.description, 2, "  ")
    shown = anchors(item) if anchored else levels(pb, item)
    for key, text in shown:
        lines += comment(text, 2, f"  {key}{' =' if anchored else ':'} ")
    rating = rating or Rating(item.id)
    lines.append(f"  {scalar(item.id)}:")
    if rating.not_rated is not None:
        lines += field("not_rated", rating.not_rated, 4)
    elif anchored:
        score = rating.score if rating.score is None or isinstance(rating.score, int) else float(rating.score)
        lines += field("score", score, 4, told(item.scores))
    else:
        lines += field("level", rating.level, 4, ", ".join(k for k, _ in levels(pb, item)))
    lines += field("evidence", rating.evidence, 4)
    if rating.sources:
        return [*lines, "    sources:", *(f"      - {s}" for s in rating.sources)]
    return [*lines, f"    sources: []  # {SOURCES}"]


def _goals(goals: tuple[Goal, ...], data: dict[str, GoalData]) -> list[str]:
    if not goals:
        return []
    lines = ["", *comment("Goals: the counts for the period. Leave a number empty if you have no data."), "goals:"]
    for goal in goals:
        unit = "%" if goal.unit == "percent" else f" ({goal.unit})"
        target = "reported, no target" if goal.op is None or goal.target is None else f"{OPS[goal.op]} {goal.target:g}{unit}"
        lines += comment(f"{goal.id} · {goal.title}: {target}", 2)
        for key, text in (("", goal.metric), ("numerator: ", goal.numerator), ("denominator: ", goal.denominator)):
            lines += comment(text, 2, "  " + key) if text else []
        given = data.get(goal.id, GoalData())
        lines.append(f"  {scalar(goal.id)}:")
        if goal.is_fraction:
            lines += [*field("numerator", given.numerator, 4), *field("denominator", given.denominator, 4)]
        else:
            lines += field("value", given.value, 4)
    return lines
