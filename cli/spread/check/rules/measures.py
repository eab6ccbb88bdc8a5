"""Rules for a playbook's measures and participant survey: unique ids, outcomes and components that exist, and an
answer scale that can say whether participants agree."""

from __future__ import annotations

from collections.abc import Iterator

from spread.check.rules.common import at, duplicate_ids
from spread.errors import Problem, words
from spread.model.playbook import Playbook


def check_measures(pb: Playbook, shown: str) -> Iterator[Problem]:
    outcomes = [o.id for o in pb.outcomes]
    yield from duplicate_ids(shown, pb.doc, ((("measures", m.index), m.id) for m in pb.measures), "measure",
                             "measure-id-duplicate")
    for measure in pb.measures:
        where = ("measures", measure.index)
        if measure.outcome is not None and measure.outcome not in outcomes:
            fix = f"use {words(outcomes)}" if outcomes else "add it to `theory_of_change.outcomes` first"
            yield at(shown, pb.doc, (*where, "outcome"), "error", f"`{measure.id}` measures the outcome "
                     f"`{measure.outcome}`, which the theory of change does not list: {fix}", "measure-outcome-unknown")
        if measure.kind == "reach" and measure.outcome is not None:
            yield at(shown, pb.doc, (*where, "outcome"), "error", f"`{measure.id}` is a reach measure, so it measures no "
                     "outcome: make it `kind: outcome`, or remove `outcome`", "measure-outcome-unknown")
    headlines = [m for m in pb.measures if m.headline]
    for measure in headlines:
        flag = ("measures", measure.index, "headline")
        if measure.kind != "reach" or measure.figure != "count" or not measure.people:
            yield at(shown, pb.doc, flag, "error", f"`{measure.id}` cannot be the count of people reached: only a "
                     "reach measure that counts people (`kind: reach`, `figure: count`) can", "measure-headline")
        elif measure is not headlines[0]:
            yield at(shown, pb.doc, flag, "error", f"`{headlines[0].id}` is already the count of people reached: "
                     f"keep `headline: true` on one measure", "measure-headline")
    if pb.voice is None:
        return
    core = [c.id for c in pb.core]
    yield from duplicate_ids(shown, pb.doc, ((("voice", "items", s.index), s.id) for s in pb.voice.statements),
                             "statement", "voice-id-duplicate")
    for statement in pb.voice.statements:
        spot = ("voice", "items", statement.index)
        if statement.component not in core:
            yield at(shown, pb.doc, (*spot, "component"), "error", f"statement {statement.id} is about "
                     f"`{statement.component}`, which is not a core component: use {words(core)}",
                     "voice-component-unknown")
    answers = [a.id for a in pb.voice.answers]
    twice = sorted({a for a in answers if answers.count(a) > 1})
    if twice:
        yield at(shown, pb.doc, ("voice", "answers"), "error", f"the answer `{twice[0]}` is on the scale twice: give "
                 "each answer its own id", "voice-id-duplicate")
    means = {a.means for a in pb.voice.answers}
    if not {"agree", "disagree"} <= means:
        yield at(shown, pb.doc, ("voice", "answers"), "error", "the answer scale needs at least one answer that "
                 "agrees (`means: agree`) and one that disagrees (`means: disagree`), or no one could say a component "
                 "is missing", "voice-scale-one-sided")
