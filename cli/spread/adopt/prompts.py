"""The form `spread site new` fills in: asked one question at a time, or completed from defaults.

The people answering are local coordinators, often not technical: every question says what it wants,
offers a default where the playbook has one, and an answer the playbook does not allow is explained
and asked again, never a crash. Every question goes through `spread.adopt.asking`, so the keys are the same as in
every other command that asks.
"""

from __future__ import annotations

import textwrap

import click

from spread.adopt.answers import Given, real_date, site_enum
from spread.adopt.asking import ask, numbered, text
from spread.adopt.frame import ask_frame, explain
from spread.adopt.principles import ask_principles
from spread.adopt.records import UNKNOWN, Choice
from spread.adopt.scaffold import SiteAnswers
from spread.errors import SpreadError
from spread.model.adopters import capital
from spread.model.choices import Refused, departs, how_to_choose, resolve
from spread.model.playbook import LocalComponent, Playbook


def complete(pb: Playbook, given: Given, *, questions: bool, today: str) -> SiteAnswers:
    """Every answer a site needs: what was given, then questions (or, without `questions`, the defaults)."""
    if not questions:
        return _without_questions(pb, given, today)
    f = given.fields
    click.echo(f"Setting up a new site for {pb.title} (version {pb.version}). Press Enter to accept an answer "
               "shown in [brackets].\n")
    who = pb.adopter
    name = f.get("name") or text(f"{capital(who.one)} name, as local people know it", need="the name")
    host = f.get("host") or text(f"{capital(who.host_words)} (who runs the {who.one})",
                                 need=f"the {who.host_words}")
    host_type = f.get("host_type") or _host_type()
    serves = "Town, city or area it serves" if who.area is None and who.kind == "site" else capital(who.area_words)
    area = f.get("area") or text(f"{serves} (Enter to skip)") or None
    pair = _pair(f) if who.kind == "pair" else None
    started = f.get("started") or ask("Start date (YYYY-MM-DD)", valid_date, default=today)
    choices = tuple(ask_choice(local, given, n, len(pb.local)) for n, local in enumerate(pb.local, 1))
    return SiteAnswers(name, host, started, choices, host_type, area, f.get("stage", "installation"), f.get("contact"),
                       pair, ask_principles(pb, given.principles, ask=True))


def _pair(f: dict[str, str]) -> tuple[str, str]:
    """A mentoring pair's two members, asked by role and background: the file is published, so never a name."""
    mentor = f.get("mentor") or text("Mentor, by role and background only, no name (for example: HR professional, "
                                     "volunteer)", need="the mentor's role")
    mentee = f.get("mentee") or text("Mentee, by situation only, no name (for example: jobseeker referred by "
                                     "Jobcentre Plus)", need="the mentee's situation")
    return mentor, mentee


def valid_date(value: str) -> str:
    value = value.strip()
    if not real_date(value):
        raise click.BadParameter(f"\"{value}\" is not a real date: write it as YYYY-MM-DD, for example 2026-03-01")
    return value


def _host_type() -> str | None:
    kinds = site_enum("host", "type")
    click.echo("Kinds of host organisation: " + ", ".join(f"{n}. {kind}" for n, kind in enumerate(kinds, 1)))
    return ask("Kind of host organisation (a number or a name; Enter to skip)", numbered(kinds, blank="")) or None


def _show(local: LocalComponent, n: int, total: int) -> None:
    click.echo(f"\n[{n} of {total}] {local.title} ({local.id})")
    if local.guidance:
        click.echo(textwrap.fill(" ".join(local.guidance.split()), 96, initial_indent="  ", subsequent_indent="  "))
    for i, option in enumerate(local.options, 1):
        label = option.id if option.label == option.id else f"{option.label} ({option.id})"
        more = f": {option.description}" if option.description else ""
        default = "  [default]" if option.id == local.default else ""
        click.echo(f"  {i}. {label}{more}{default}")
    if local.free_text:
        limit = f" (at most {local.max_length} characters)" if local.max_length else ""
        click.echo(f"  {'Or describe' if local.options else 'Describe'} your own choice in words{limit}.")
    for variation in local.prohibited:
        click.echo(f"  Not allowed: {variation.text}")


def ask_choice(local: LocalComponent, given: Given, n: int, total: int) -> Choice:
    """One local component's choice and its reason: from `given` where answered, else asked (question n of total).
    A choice outside the options, or one the answers record as an adaptation, is an adaptation: its FRAME details
    are asked (Enter for `unknown`); a choice among the options is a local choice, and a default needs no reason."""
    choice = given.choices.get(local.id)
    if choice is None:
        _show(local, n, total)

        def check(value: str) -> str:
            try:
                return resolve(local, value, numbers=True)
            except Refused as exc:
                raise click.BadParameter(str(exc)) from None

        what = "a number, a name or your own words" if local.free_text and local.options else \
            "a number or a name" if local.options else "in your own words"
        choice = ask(f"Your choice ({what})", check, default=local.default, need=what)
    adapted = local.id in given.frames or departs(local, choice)
    if adapted:
        explain(local, choice)
    reason = given.reasons.get(local.id)
    if reason is None and (adapted or choice != local.default):
        reason = text(f"Why \"{choice}\" for {local.id}? (one sentence for the record)", need="the reason")
    frame = given.frames.get(local.id, {})
    if adapted and not departs(local, choice) and "description" not in frame:
        frame = {**frame, "description": text("What does the site do differently from what the playbook describes? "
                                              "(one sentence)", need="what is different")}
    return Choice(local.id, choice, reason, ask_frame(frame) if adapted else None)


def _without_questions(pb: Playbook, given: Given, today: str) -> SiteAnswers:
    f = given.fields
    who = pb.adopter
    needed = [("name", f"`name` (the {who.one}'s name)"), ("host", f"`host: name` (the {who.host_words})"),
              *((part, f"`pair: {part}` (the {part}, by role, no name)") for part in ("mentor", "mentee")
                if who.kind == "pair")]
    missing = [label for key, label in needed if key not in f]
    choices = []
    for local in pb.local:
        chosen = given_choice(local, given, local.default)
        if isinstance(chosen, Choice):
            choices.append(chosen)
        else:
            missing.append(chosen)
    if missing:
        raise SpreadError(f"--no-input: these answers are missing and have no default: {'; '.join(missing)}. "
                          "Add them to the answers file (see `spread site new --help`), or leave out --no-input "
                          "to be asked.")
    return SiteAnswers(f["name"], f["host"], f.get("started", today), tuple(choices), f.get("host_type"),
                       f.get("area"), f.get("stage", "installation"), f.get("contact"),
                       (f["mentor"], f["mentee"]) if who.kind == "pair" else None,
                       ask_principles(pb, given.principles, ask=False))


def given_choice(local: LocalComponent, given: Given, default: str | None) -> Choice | str:
    """One local component's answer without questions: what was given, else `default`; or, when that is not enough,
    what is missing (a choice, a reason for one that is not the default, an adaptation's description)."""
    choice = given.choices.get(local.id, default)
    reason = given.reasons.get(local.id)
    adapted = choice is not None and (local.id in given.frames or departs(local, choice))
    if choice is None:
        return f"a choice for `{local.id}` ({how_to_choose(local)})"
    if reason is None and (adapted or choice != local.default):
        return f"a reason for choosing \"{choice}\" for `{local.id}`"
    if adapted and not departs(local, choice) and "description" not in given.frames.get(local.id, {}):
        return (f"a `description` of what the site does differently, for the adaptation of `{local.id}` "
                f"(\"{choice}\" is one of its options)")
    # What the answers do not say of an adaptation is not known: never guessed.
    return Choice(local.id, choice, reason, {**UNKNOWN, **given.frames.get(local.id, {})} if adapted else None)
