"""What a new site chose, and where it departs: the `choices:` and `adaptations:` sections of its site.yaml.

Choosing among the options a playbook offers is configuration: a local choice, with its reason (a default needs
none) and no FRAME details. A choice that departs from the options (own words where the playbook lists options), or
one the site itself calls a change, is an adaptation: recorded with the FRAME details the site gave, and `unknown`
for what it did not say, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spread.model.playbook import LocalComponent, Playbook
from spread.yaml.render import comment, scalar
from spread.yaml.render import field as line

# FRAME's details that `spread site new` asks of an adaptation (each may be `unknown`), in the site file's order.
ASKED = ("planned", "decided_by", "fidelity")
UNKNOWN: dict[str, Any] = {"planned": "unknown", "decided_by": ["unknown"], "fidelity": "unknown"}
# Every FRAME field of an adaptation record, in the order the site schema lists them.
FRAME = ("description", "when", "planned", "decided_by", "modified", "level", "nature", "fidelity", "goal",
         "reason_levels")


@dataclass(frozen=True)
class Choice:
    """One local component's answer: a local choice, or (with `frame`) an adaptation and its FRAME details."""

    component: str
    choice: str
    reason: str | None
    frame: dict[str, Any] | None = field(default=None, compare=False)


def sections(pb: Playbook, choices: tuple[Choice, ...]) -> list[str]:
    """The lines of both sections, each with the comment that says what belongs in it."""
    locals_ = {local.id: local for local in pb.local}
    chosen = [c for c in choices if c.frame is None]
    adapted = [c for c in choices if c.frame is not None]
    lines = ["", *comment("Local choices: what the site chose among the options the playbook offers. Choosing as "
                          "the playbook offers is configuration, so no FRAME details; a default needs no reason."),
             "choices:" if chosen else "choices: []"]
    for c in chosen:
        lines += [*_head(locals_[c.component], c), *(line("reason", c.reason, 4) if c.reason else [])]
    lines += ["", *comment("Adaptations: where the site departs from the playbook (a change to a core component, a "
                           "choice outside the options, or anything the site calls a change), with its reason and "
                           "FRAME's details: when, whether it was planned, who decided, what was modified, and "
                           "whether the component's purpose is kept (fidelity). Write `unknown` where you do not "
                           "know; never guess."),
              "adaptations:" if adapted else "adaptations: []"]
    for c in adapted:
        lines += [*_head(locals_[c.component], c), *line("reason", c.reason, 4)]
        for key in FRAME:
            value = (c.frame or {}).get(key)
            if isinstance(value, list):
                lines += [f"    {key}:", *(f"      - {scalar(str(v))}" for v in value)]
            elif value is not None:
                lines += line(key, str(value), 4)
    return lines


def _head(local: LocalComponent, c: Choice) -> list[str]:
    return [*comment(f"{local.title}: {allowed(local)}", 2), f"  - component: {scalar(c.component)}",
            *line("choice", c.choice, 4)]


def allowed(local: LocalComponent) -> str:
    """What a local component allows, in one line for a comment."""
    parts = [f"one of {', '.join(local.option_ids)}"] if local.options else []
    if local.free_text:
        parts.append("your own words" + (f" (at most {local.max_length} characters)" if local.max_length else ""))
    banned = "; ".join(v.text.rstrip(".") for v in local.prohibited)
    return " or ".join(parts) + (f". Not allowed: {banned}." if banned else "")
