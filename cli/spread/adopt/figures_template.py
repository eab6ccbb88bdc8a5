"""The part of a new audit file for the period's reach and outcome figures and participants' answers, each left
empty to fill in, with the playbook's guidance beside it. `spread check` says which are still empty."""

from __future__ import annotations

from typing import Any

from spread.model.playbook import Playbook
from spread.yaml.render import comment, field, scalar

PARTS = {"count": ("count",), "mean": ("mean", "n"), "share": ("numerator", "denominator")}
WHAT = {"count": "a count", "mean": "the mean, and n: how many people it is over",
        "share": "how many (numerator) of how many (denominator)"}


# What a site gave for one measure ({"count": 12}) or one statement ({"n": 9, "answers": {"agree": 8, …}}), by id.
Given = dict[str, dict[str, Any]]


def figure_lines(pb: Playbook, figures: Given | None = None, voice: Given | None = None) -> list[str]:
    """`figures:` and `voice:` for a blank audit (every measure and statement empty), or with what a site gave
    (only the measures and statements it gave, each value as given, for `spread check` to judge); nothing when the
    playbook has neither, or the site gave none."""
    lines: list[str] = []
    if pb.measures and figures != {}:
        lines += ["", *comment("Reach and outcomes for the period: totals only, never one person's figure or "
                               "answer. Remove a measure you have no figure for this period. A figure about fewer "
                               f"than {pb.suppress_below} people is published as \"fewer than {pb.suppress_below}\"."),
                  "figures:"]
        for m in pb.measures:
            if figures is not None and m.id not in figures:
                continue
            lines += comment(f"{m.name} ({m.kind}; {WHAT[m.figure]}, in {m.unit})"
                             + (f". {m.instrument}" if m.instrument else ""), 2)
            lines += comment(m.guidance or m.collected or "", 2, "  ") if (m.guidance or m.collected) else []
            lines.append(f"  {scalar(m.id)}:")
            given = (figures or {}).get(m.id, {})
            lines += [line for part in PARTS[m.figure] for line in field(part, given.get(part), 4)]
    if pb.voice is not None and voice != {}:
        answers = ", ".join(f"{a.id} ({a.label})" for a in pb.voice.answers)
        lines += ["", *comment("What participants said: for each statement, how many people answered (n) and how "
                               f"many gave each answer ({answers}). Remove this part if the survey was not given "
                               "this period."), "voice:"]
        for s in pb.voice.statements:
            if voice is not None and s.id not in voice:
                continue
            said = (voice or {}).get(s.id, {})
            counts = said.get("answers", {})
            lines += comment(f"{s.id} · {s.text} ({s.component})", 2)
            lines += [f"  {scalar(s.id)}:", *field("n", said.get("n"), 4), "    answers:",
                      *(line for a in pb.voice.answers for line in field(scalar(a.id), counts.get(a.id), 6))]
    return lines
