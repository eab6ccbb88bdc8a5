"""The part of a new audit file for the period's reach and outcome figures and participants' answers, each left
empty to fill in, with the playbook's guidance beside it. `spread check` says which are still empty."""

from __future__ import annotations

from spread.model.playbook import Playbook
from spread.yaml.render import comment, field, scalar

PARTS = {"count": ("count",), "mean": ("mean", "n"), "share": ("numerator", "denominator")}
WHAT = {"count": "a count", "mean": "the mean, and n: how many people it is over",
        "share": "how many (numerator) of how many (denominator)"}


def figure_lines(pb: Playbook) -> list[str]:
    """`figures:` and `voice:` for a blank audit, or nothing when the playbook has neither."""
    lines: list[str] = []
    if pb.measures:
        lines += ["", *comment("Reach and outcomes for the period: totals only, never one person's figure or "
                               "answer. Remove a measure you have no figure for this period. A figure about fewer "
                               f"than {pb.suppress_below} people is published as \"fewer than {pb.suppress_below}\"."),
                  "figures:"]
        for m in pb.measures:
            lines += comment(f"{m.name} ({m.kind}; {WHAT[m.figure]}, in {m.unit})"
                             + (f". {m.instrument}" if m.instrument else ""), 2)
            lines += comment(m.guidance or m.collected or "", 2, "  ") if (m.guidance or m.collected) else []
            lines.append(f"  {scalar(m.id)}:")
            lines += [line for part in PARTS[m.figure] for line in field(part, None, 4)]
    if pb.voice is not None:
        answers = ", ".join(f"{a.id} ({a.label})" for a in pb.voice.answers)
        lines += ["", *comment("What participants said: for each statement, how many people answered (n) and how "
                               f"many gave each answer ({answers}). Remove this part if the survey was not given "
                               "this period."), "voice:"]
        for s in pb.voice.statements:
            lines += comment(f"{s.id} · {s.text} ({s.component})", 2)
            lines += [f"  {scalar(s.id)}:", *field("n", None, 4), "    answers:",
                      *(line for a in pb.voice.answers for line in field(scalar(a.id), None, 6))]
    return lines
