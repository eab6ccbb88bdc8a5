"""Rules for the figures and participant responses an audit records: each names a measure or statement of its
playbook version, has the parts its kind needs (a mean its `n`, a share its numerator and denominator), in the
measure's unit, and adds up. Whether the period is over is the audit's own rule (`check/rules/dates.py`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from spread.check.rules.common import at
from spread.errors import Problem, words
from spread.model.audit import Audit
from spread.model.measures import Figure, Measure
from spread.model.playbook import Playbook

# What each kind of figure is written with, as the message that asks for it says it.
SHAPES = {"count": "`count: N`", "mean": "`mean` and `n`, how many people it is over",
          "share": "`numerator` and `denominator`"}
PARTS = {"count": {"count"}, "mean": {"mean", "n"}, "share": {"numerator", "denominator"}}


def check_figures(pb: Playbook, audit: Audit, shown: str) -> Iterator[Problem]:
    for key, figure in audit.figures.items():
        measure = pb.measure(key)
        if measure is None:
            yield at(shown, audit.doc, ("figures", key), "error", f"version {pb.version} of `{pb.id}` has no measure "
                     f"`{key}`: {_fix(key, [m.id for m in pb.measures], 'measures')}", "figure-measure-unknown",
                     key=True)
            continue
        yield from _figure(measure, figure, audit, shown)
    yield from _voice(pb, audit, shown)


def _fix(key: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return f"did you mean `{close[0]}`?"
    return f"its {what} are {words(known, joiner='and')}" if known else f"it has no {what}: add them to the playbook first"


def _figure(measure: Measure, figure: Figure, audit: Audit, shown: str) -> Iterator[Problem]:
    where = ("figures", measure.id)
    given = {part for part in ("count", "mean", "n", "numerator", "denominator") if getattr(figure, part) is not None}
    if figure.unit is not None and figure.unit != measure.unit:
        yield at(shown, audit.doc, (*where, "unit"), "error", f"`{measure.id}` is measured in {measure.unit}, not "
                 f"{figure.unit}: give the figure in {measure.unit} (or leave `unit` out)", "figure-unit")
    extra = sorted(given - PARTS[measure.figure])
    if extra:
        yield at(shown, audit.doc, (*where, extra[0]), "error", f"`{measure.id}` is a {measure.figure}: write it as "
                 f"{SHAPES[measure.figure]}, without `{extra[0]}`", "figure-kind")
    elif not given:
        yield at(shown, audit.doc, where, "error", f"`{measure.id}` has no figure yet: write it as "
                 f"{SHAPES[measure.figure]}, or remove it if you have no figure for this period", "figure-incomplete",
                 key=True)
    elif measure.figure == "mean" and figure.n is None:
        yield at(shown, audit.doc, where, "error", f"the mean of `{measure.id}` has no `n`: add how many people it is "
                 "over, so readers can weigh it and small groups stay private", "figure-mean-without-n", key=True)
    elif measure.figure == "mean" and figure.mean is None:
        yield at(shown, audit.doc, where, "error", f"`{measure.id}` has `n` but no `mean`: add the average",
                 "figure-incomplete", key=True)
    elif measure.figure == "share" and (figure.numerator is None or figure.denominator is None):
        missing = "denominator" if figure.denominator is None else "numerator"
        yield at(shown, audit.doc, where, "error", f"the share `{measure.id}` has no {missing}: give `numerator` "
                 f"(how many {measure.unit}) and `denominator` (out of how many)", "figure-share-without-n", key=True)
    elif figure.numerator is not None and figure.denominator is not None and figure.numerator > figure.denominator:
        yield at(shown, audit.doc, (*where, "numerator"), "error", f"the share `{measure.id}` counts {figure.numerator} "
                 f"of {figure.denominator}: the numerator cannot be larger than the denominator, so check both "
                 "counts", "figure-share-over")


def _voice(pb: Playbook, audit: Audit, shown: str) -> Iterator[Problem]:
    survey = pb.voice
    for key, responses in audit.voice.items():
        where = ("voice", key)
        if survey is None:
            yield at(shown, audit.doc, where, "error", f"version {pb.version} of `{pb.id}` has no participant survey, "
                     "so there is nothing to record answers to: add `voice:` to the playbook first, or remove these",
                     "voice-statement-unknown", key=True)
            return
        if key not in {s.id for s in survey.statements}:
            yield at(shown, audit.doc, where, "error", f"version {pb.version} of `{pb.id}` has no survey statement "
                     f"`{key}`: {_fix(key, [s.id for s in survey.statements], 'statements')}",
                     "voice-statement-unknown", key=True)
            continue
        known = survey.answer_ids()
        unknown = [answer for answer in responses.answers if answer not in known]
        if unknown:
            yield at(shown, audit.doc, (*where, "answers", unknown[0]), "error", f"`{unknown[0]}` is not an answer of "
                     f"this survey: count answers under {words(list(known))}", "voice-answer-unknown", key=True)
        elif not responses.complete:
            yield at(shown, audit.doc, where, "error", f"{key} has no answers yet: give how many people answered "
                     "(`n`) and how many gave each answer, or remove it if the survey was not given this period",
                     "voice-incomplete", key=True)
        elif sum(n or 0 for n in responses.answers.values()) != responses.n:
            yield at(shown, audit.doc, (*where, "n"), "error", f"the answers to {key} add up to "
                     f"{sum(n or 0 for n in responses.answers.values())}, but `n` says {responses.n} people answered: "
                     "count each person's answer once, and make `n` their number", "voice-answers-not-n")
