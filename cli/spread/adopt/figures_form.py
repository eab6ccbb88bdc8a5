"""`spread audit new --interactive`, after the items and goals: the period's reach and outcome figures, and the
participants' answers, asked one measure and one statement at a time.

Enter on a measure's first number leaves the measure out (no figure this period), as the template says to remove
it; a survey not given this period is left out whole. Counts are whole numbers of people or things, never negative;
a share's numerator is never more than its denominator, and a statement's answers add up to its n: each is asked
again, explained, rather than written for `spread check` to find later."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import click

from spread.adopt.asking import ask
from spread.adopt.figures_template import PARTS, WHAT, Given
from spread.model.measures import Measure
from spread.model.playbook import Playbook

# How each part of a figure is asked.
ASKED = {"count": "Count", "mean": "Mean", "n": "n (how many people the mean is over)",
         "numerator": "How many (numerator)", "denominator": "Out of how many (denominator)"}


def ask_figures(pb: Playbook, period: str) -> tuple[Given | None, Given | None]:
    """The figures and answers given, by id (None where the playbook asks for none)."""
    figures = _figures(pb, period) if pb.measures else None
    voice = _voice(pb) if pb.voice is not None else None
    return figures, voice


def _figures(pb: Playbook, period: str) -> Given:
    click.echo(f"\nReach and outcomes for {period}: totals only, never one person's figure. Press Enter on a measure "
               "you have no figure for this period.")
    given: Given = {}
    for m in pb.measures:
        click.echo(f"\n{m.id} · {m.name} ({m.kind}; {WHAT[m.figure]}, in {m.unit})")
        if m.guidance or m.collected:
            click.echo(f"  {' '.join((m.guidance or m.collected or '').split())}")
        figure = _figure(m)
        if figure:
            given[m.id] = figure
    return given


def _figure(m: Measure) -> dict[str, Any]:
    first, *rest = PARTS[m.figure]
    value = ask(f"  {ASKED[first]} (Enter if none)", _number(whole=first != "mean"))
    if value is None:
        return {}
    figure = {first: value}
    for part in rest:
        figure[part] = ask(f"  {ASKED[part]}", _number(whole=True, at_least=value if part == "denominator" else None),
                           need="a whole number")
    return figure


def _voice(pb: Playbook) -> Given:
    assert pb.voice is not None
    asked = ask("\nWas the participants' survey given this period? (yes or no)", _yes_no, default="no")
    if not asked:
        return {}
    click.echo("For each statement: how many people answered (n), then how many gave each answer.")
    given: Given = {}
    for s in pb.voice.statements:
        click.echo(f"\n{s.id} · {' '.join(s.text.split())}")
        n = ask("  n (Enter if it was not asked)", _number(whole=True))
        if n is None:
            continue
        while True:
            counts = {a.id: ask(f"  {a.label}", _number(whole=True), need="a whole number") for a in pb.voice.answers}
            if sum(counts.values()) == n:
                break
            click.echo(f"Error: the answers add up to {sum(counts.values())}, not {n}: type them again")
        given[s.id] = {"n": n, "answers": counts}
    return given


def _yes_no(value: str) -> bool:
    answer = value.strip().lower()
    if answer in ("y", "yes", "n", "no"):
        return answer.startswith("y")
    raise click.BadParameter(f"\"{value.strip()}\" is not yes or no: type yes or no")


def _number(*, whole: bool, at_least: float | None = None) -> Callable[[str], Any]:
    """A check for a figure: empty is None; a count is a whole number, never negative; a denominator is at least its
    numerator."""
    def check(value: str) -> Any:
        typed = value.strip()
        if not typed:
            return None
        try:
            number: int | float = int(typed) if whole else float(typed)
        except ValueError:
            kind = "a whole number, like 12" if whole else "a number, like 61.5"
            raise click.BadParameter(f"\"{typed}\" is not {kind}") from None
        if whole and number < 0:
            raise click.BadParameter("a count cannot be negative")
        if not math.isfinite(number):
            raise click.BadParameter(f"\"{typed}\" is not a number, like 61.5")
        if at_least is not None and number < at_least:
            raise click.BadParameter(f"out of {number} cannot be fewer than the {at_least} counted: type the whole "
                                     "group")
        return number

    return check
