"""A new site's account of how it makes each of the playbook's principles its own (core components of kind
`principle`): asked by `spread site new` (Enter leaves it for later), taken from an answers file's `principles:`,
and written to site.yaml with, for each one not yet described, a commented line to fill in."""

from __future__ import annotations

import textwrap

import click

from spread.model.playbook import Playbook
from spread.yaml.render import comment, scalar
from spread.yaml.render import field as line


def ask_principles(pb: Playbook, given: dict[str, str], *, ask: bool,
                   described: frozenset[str] = frozenset()) -> tuple[tuple[str, str], ...]:
    """(principle id, how the site enacts it) for each principle answered or, when asking, described now; a
    principle the site has `described` already (one it upgrades with) is not asked again."""
    found = []
    for c in (c for c in pb.core if c.principle and c.id not in described):
        how = given.get(c.id)
        if how is None and ask:
            click.echo(f"\nPrinciple: {c.title} ({c.id})")
            click.echo(textwrap.fill(" ".join(c.function.split()), 96, initial_indent="  ", subsequent_indent="  "))
            for shown in c.evidence:
                click.echo(f"  A site shows it by: {shown}")
            how = " ".join(click.prompt("How does the site make this principle its own? (Enter to describe it later)",
                                        default="", show_default=False).split()) or None
        if how:
            found.append((c.id, how))
    return tuple(found)


def principle_lines(pb: Playbook, described: tuple[tuple[str, str], ...]) -> list[str]:
    """The `principles:` section of a new site.yaml: what was described, then a line to fill in for each other."""
    principles = [c for c in pb.core if c.principle]
    if not principles:
        return []
    hows = dict(described)
    lines = ["", *comment("Principles: how the site makes each of the playbook's principles its own, in its own "
                          "words. This is the model as designed, not a departure: no FRAME details."),
             "principles:" if hows else "principles: []"]
    for c in principles:
        if c.id in hows:
            lines += [f"  - principle: {scalar(c.id)}", *line("how", hows[c.id], 4)]
        else:
            lines += comment(f"- principle: {c.id} ({c.title}: describe how the site enacts it under `how:`)", 2)
    return lines
