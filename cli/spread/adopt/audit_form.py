"""`spread audit new --interactive`: a walk through every item at the terminal, then the filled audit.

Each item shows what every score (or practice-profile level, numbered) looks like; the person types the one that
matches what they can show (a score, or a level's number or name), or "skip" with a reason. A wrong answer is
explained and asked again (`spread.adopt.asking`, as in every command that asks).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import click

from spread.adopt.asking import ask, listed, numbered, text
from spread.adopt.audit_template import AuditAnswers, anchors, levels
from spread.adopt.figures_form import ask_figures
from spread.adopt.prompts import valid_date
from spread.model.audit import Action, GoalData, Rater, Rating
from spread.model.ids import id_problem, shown
from spread.model.instrument import Item
from spread.model.playbook import Playbook
from spread.model.scales import point, told
from spread.model.scales import shown as point_text
from spread.model.schemas import schema

SKIP = "skip"
REVIEWS = (("self", "your own team"), ("guided", "with a coach from the network"),
           ("peer", "people from another site of the network"),
           ("independent", "reviewers from outside your organisation"),
           ("participant", "people the site serves, such as a user panel"))


def fill_audit(pb: Playbook, site_name: str, period: str, today: str) -> AuditAnswers:
    items = pb.instrument.items
    click.echo(f"Self-audit of {site_name} for {period}: {len(items)} item{'s' * (len(items) != 1)}. Rate what you "
               f"can show happened in {period}, not what is planned. Type \"{SKIP}\" for an item you cannot rate.")
    ratings = {item.id: _rate(pb, item, n, len(items)) for n, item in enumerate(items, 1)}
    goals = {}
    for goal in pb.instrument.goals:
        click.echo(f"\nGoal {goal.id} · {goal.title} (Enter to leave a number empty)")
        if goal.is_fraction:
            goals[goal.id] = GoalData(_number(_ask("Numerator", goal.numerator), 0),
                                      _number(_ask("Denominator", goal.denominator), 0))
        else:
            goals[goal.id] = GoalData(value=_number(_ask("Value", goal.metric), 0 if goal.unit == "count" else None))
    figures, voice = ask_figures(pb, period)
    actions = _plan([item.id for item in items])
    roles = ask("Who rated? (roles, not names, separated by commas)",
                lambda v: tuple(r for r in (p.strip() for p in v.split(",")) if r), default="site-coordinator")
    click.echo("Kinds of review:")
    listed(REVIEWS)
    review = ask("Kind of review (a number or a name)", numbered([kind for kind, _ in REVIEWS]), default="self")
    raters = tuple(_rater(role, review) for role in roles or ("site-coordinator",))
    completed = ask("Date finished (YYYY-MM-DD)", valid_date, default=today)
    return AuditAnswers(ratings, goals, raters, review, completed, actions, figures, voice)


def _rater(role: str, review: str) -> Rater:
    """A rater; for a peer or independent review, where they come from, so readers can see who rated."""
    if review not in ("peer", "independent"):
        return Rater(role)
    organisation = text(f"  Which organisation is the {role} from?", need="an organisation")
    site = ask(f"  Which site of the network is the {role} from? (its id; Enter if none)", _site_id) \
        if review == "peer" else ""
    return Rater(role, organisation=organisation, site=site or None)


def _site_id(value: str) -> str:
    value = value.strip()
    problem = id_problem(value, "leeds-central") if value else None
    if problem:
        raise click.BadParameter(f"\"{shown(value)}\" is not a site id: {problem}")
    return value


def _plan(ids: list[str]) -> tuple[Action, ...]:
    click.echo("\nAction plan: what will you do next? One action at a time; press Enter when there are no more.")
    actions: list[Action] = []
    while what := text(f"Action {len(actions) + 1}"):
        item = ask(f"  About which item? ({', '.join(ids)}; Enter if none)", _item_id(ids))
        owner = text("  Who will do it? (a role)", default="site-coordinator", need="a role")
        due = ask("  Due by (YYYY-MM-DD)", valid_date, need="a date, like 2026-12-31")
        actions.append(Action(item or None, what, owner, due))
    click.echo("")
    return tuple(actions)


def _rate(pb: Playbook, item: Item, n: int, total: int) -> Rating:
    anchored = pb.instrument.kind == "anchored"
    click.echo(f"\n[{n} of {total}] {item.id} · {item.title}")
    if item.description:
        click.echo(f"  {' '.join(item.description.split())}")
    if anchored:
        choices = {point_text(v): "" for v in item.scores}
        for key, meaning in anchors(item):
            click.echo(f"  {key} = {' '.join(meaning.split())}")
        question = f"Score ({told(item.scores)}), or {SKIP}"
    else:
        choices = dict(levels(pb, item))
        listed([(key, " ".join(meaning.split())) for key, meaning in choices.items()])
        question = f"Level (a number from 1 to {len(choices)}, or a name), or {SKIP}"
    answer = ask(question, _one_of(list(choices), anchored), need=f"a {'score' if anchored else 'level'}, or {SKIP}")
    if answer == SKIP:
        reason = text("Why can it not be rated?", default="insufficient-data", need="a reason")
        return Rating(item.id, not_rated=reason)
    evidence = text("Evidence: what is this based on? (Enter to add it later)") or None
    sources = ask("Where from? (records, documents, interviews, observation, survey, other; commas; Enter to skip)",
                  _sources)
    if anchored:
        return Rating(item.id, score=point(answer), evidence=evidence, sources=sources)
    return Rating(item.id, level=answer, evidence=evidence, sources=sources)


def _ask(what: str, meaning: str | None) -> str:
    return f"  {what} ({' '.join(meaning.split()).rstrip('.')})" if meaning else f"  {what}"


def _score_text(value: str) -> str:
    if len(value) > 12 or "e" in value:  # no score is written so; and `1e999999` would take ages to expand
        return value
    try:
        return point_text(point(value))
    except ArithmeticError:  # not a number (decimal.InvalidOperation)
        return value


def _one_of(allowed: list[str], anchored: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip().lower()
        if value in (SKIP, *allowed):
            return value
        if anchored and _score_text(value) in allowed:  # `2.50` for 2.5, `4.0` for 4
            return _score_text(value)
        if not anchored and value.isdigit() and 1 <= int(value) <= len(allowed):
            return allowed[int(value) - 1]
        # A level may be typed by its first letters: "e" for expected, "dev" for developmental.
        starts = [a for a in allowed if value and a.startswith(value)] if not anchored else []
        if len(starts) == 1:
            return starts[0]
        if anchored:
            raise click.BadParameter(f"\"{value}\" is not a score of this item: type one of {', '.join(allowed)}, or "
                                     f"{SKIP}")
        raise click.BadParameter(f"\"{value}\" is not one of the levels: type a number from 1 to {len(allowed)}, "
                                 f"or one of {', '.join(allowed)}, or {SKIP}")

    return check


def _item_id(ids: list[str]) -> Callable[[str], str]:
    def check(value: str) -> str:
        found = [i for i in ids if i.casefold() == value.strip().casefold()]
        if found or not value.strip():
            return found[0] if found else ""
        raise click.BadParameter(f"\"{value.strip()}\" is not an item of this audit: type one of {', '.join(ids)}, "
                                 "or press Enter")

    return check


def _number(question: str, minimum: float | None) -> float | None:
    def check(value: str) -> float | None:
        if not value.strip():
            return None
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise click.BadParameter(f"\"{value.strip()}\" is not a number: type digits, like 12")
        if minimum is not None and number < minimum:
            raise click.BadParameter("a count cannot be negative")
        return number

    return ask(question, check)


def _sources(value: str) -> tuple[str, ...]:
    known = schema("audit")["properties"]["ratings"]["additionalProperties"]["properties"]["sources"]["items"]["enum"]
    given = tuple(s.strip().lower() for s in value.split(",") if s.strip())
    wrong = [s for s in given if s not in known]
    if wrong:
        raise click.BadParameter(f"\"{wrong[0]}\" is not a kind of source: use {', '.join(known)}")
    return given
