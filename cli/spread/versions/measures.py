"""What changed in a playbook's measures, participant survey and privacy threshold, and the bump each needs.

A change that makes figures or answers a site has recorded wrong under the new text (a measure removed, its kind of
figure or unit changed, its direction turned round; a statement removed or moved to another component; an answer
taken off the scale) is **major**; a new measure or statement, a new target or threshold is **minor**; wording is a
**patch**."""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.measures import Measure, Voice
from spread.model.playbook import Playbook
from spread.versions.changes import Change, and_list, changed_fields, paired

MEASURE_WORDING = {"name": "name", "instrument": "instrument", "collected": "how and when it is collected",
                   "guidance": "guidance", "outcome": "outcome"}


def diff_measures(old: Playbook, new: Playbook) -> Iterator[Change]:
    for was, measure in paired(old.measures, new.measures):
        if measure is None:
            assert was is not None
            yield Change("measure-removed", "major", was.id, f"Measure `{was.id}` ({was.name}) was removed: "
                         "sites that record it must stop.")
        elif was is None:
            yield Change("measure-added", "minor", measure.id, f"New {measure.kind} measure `{measure.id}` "
                         f"({measure.name}).")
        else:
            yield from _measure(was, measure)
    yield from _voice(old.voice, new.voice)
    if old.suppress_below != new.suppress_below:
        yield Change("privacy-threshold-changed", "minor", "privacy", f"Figures about fewer than {new.suppress_below} "
                     f"people are now suppressed (was {old.suppress_below}).")


def _measure(old: Measure, new: Measure) -> Iterator[Change]:
    named = f"Measure `{new.id}` ({new.name})"
    shape = changed_fields(old, new, {"figure": "kind of figure", "unit": "unit", "better": "better direction",
                                      "kind": "reach or outcome"})
    if shape:
        yield Change("measure-changed", "major", new.id, f"{named}: its {and_list(shape)} changed, so figures recorded "
                     "before are not comparable.")
    counted = changed_fields(old, new, {"target": "target", "people": "whether it counts people",
                                        "headline": "count of people reached"})
    if counted:
        yield Change("measure-target-changed", "minor", new.id, f"{named}: new {and_list(counted)}.")
    wording = changed_fields(old, new, MEASURE_WORDING)
    if wording:
        yield Change("measure-wording", "patch", new.id, f"{named}: new wording for the {and_list(wording)}.")


def _voice(old: Voice | None, new: Voice | None) -> Iterator[Change]:
    if old is None or new is None:
        if old != new:
            added = new is not None
            yield Change("voice-added" if added else "voice-removed", "minor" if added else "major", "voice",
                         "New participant survey." if added else "The participant survey was removed.")
        return
    answers = {a.id: a.means for a in new.answers}
    if any(answers.get(a.id) != a.means for a in old.answers):
        yield Change("voice-scale-changed", "major", "voice", "The survey's answer scale lost or changed an answer, so "
                     "answers recorded before no longer fit.")
    elif old.answers != new.answers:
        yield Change("voice-scale-widened", "minor", "voice", "The survey's answer scale has new answers or labels.")
    for was, statement in paired(old.statements, new.statements):
        if statement is None:
            assert was is not None
            yield Change("voice-statement-removed", "major", was.id, f"Survey statement {was.id} was removed.")
        elif was is None:
            yield Change("voice-statement-added", "minor", statement.id, f"New survey statement {statement.id}.")
        elif was.component != statement.component:
            yield Change("voice-statement-changed", "major", statement.id, f"Survey statement {statement.id} is now "
                         f"about `{statement.component}` (was `{was.component}`).")
        elif was.text != statement.text:
            yield Change("voice-statement-wording", "patch", statement.id, f"Survey statement {statement.id}: new "
                         "wording.")
    if old.collected != new.collected:
        yield Change("voice-wording", "patch", "voice", "New wording for how the survey is given.")
