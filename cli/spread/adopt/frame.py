"""FRAME's details of an adaptation, asked at the terminal: what the site knows, and `unknown` for the rest.

Spread never guesses who decided a change or whether it keeps the component's function: it asks, and Enter
records `unknown`, which the network can follow up.
"""

from __future__ import annotations

from typing import Any

import click

from spread.adopt.answers import frame_enum, frame_is_list
from spread.adopt.asking import ask
from spread.adopt.records import ASKED
from spread.model.choices import departs
from spread.model.playbook import LocalComponent

QUESTIONS = {
    "planned": "Was the change planned?",
    "decided_by": "Who decided on it?",
    "fidelity": "Does the component still do what the playbook means it to do (its function)?",
}
MEANING = {
    "proactive": "yes, planned ahead", "reactive": "planned in response to a problem",
    "unplanned": "no, it happened without a plan", "consistent": "yes, its function is kept (fidelity-consistent)",
    "inconsistent": "no (fidelity-inconsistent)", "purveyor": "the programme's developer",
    "site-team": "the site team", "practitioner": "a practitioner",
}


def explain(local: LocalComponent, choice: str) -> None:
    """Say why a choice is recorded as an adaptation, before its reason and FRAME's questions are asked."""
    why = (f"\"{choice}\" is not one of the options the playbook offers for {local.id}" if departs(local, choice)
           else f"You record \"{choice}\" for {local.id} as a change to the playbook")
    click.echo(f"{why}, so it is recorded as an adaptation, with its reason and FRAME's details. Answer what you "
               "know; press Enter for `unknown`.")


def ask_frame(given: dict[str, Any]) -> dict[str, Any]:
    """The FRAME details of an adaptation: those the answers gave, then each of `records.ASKED` asked."""
    frame = dict(given)
    for key in ASKED:
        if key not in frame:
            frame[key] = _ask(key)
    return frame


def _ask(key: str) -> Any:
    codes = [code for code in frame_enum(key) or [] if code != "unknown"]
    many = frame_is_list(key)
    click.echo(QUESTIONS[key] + " " + "; ".join(f"{n}. {MEANING.get(code, code.replace('-', ' '))}"
                                                 for n, code in enumerate(codes, 1)))

    def check(value: str) -> Any:
        picked = []
        for part in value.replace(",", " ").split() if many else [value.strip()]:
            code = codes[int(part) - 1] if part.isdigit() and 1 <= int(part) <= len(codes) else part
            if code not in [*codes, "unknown"]:
                raise click.BadParameter(f"\"{part}\" is not on the list: type a number from 1 to {len(codes)}"
                                         f"{', several separated by commas' if many else ''}, or press Enter for "
                                         "`unknown`")
            picked.append(code)
        return (picked or ["unknown"]) if many else (picked[0] if picked and picked[0] else "unknown")

    hint = "numbers separated by commas" if many else "a number"
    return ask(f"{key.replace('_', ' ').capitalize()} ({hint})", check, default="unknown")
