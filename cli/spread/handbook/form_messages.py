"""The self-audit form's messages, in `spread check`'s own words: taken at build time from the check's rules.

The rules that a person can break in the form (an item left without a rating or a reason, both given, a share over
its whole, a mean without its n, answers that do not add up to n) run here on made-up audits whose numbers are
markers; each message comes back with `{numerator}`, `{n}`… where the markers were, for the page to fill in. The
words therefore cannot drift from the check's: a reworded rule rewords the form.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from spread.check.rules.audit import check_goals_and_actions, check_ratings
from spread.check.rules.dates import check_dates
from spread.check.rules.figures import check_figures
from spread.errors import Problem
from spread.model.build import audit_from
from spread.model.playbook import Playbook
from spread.yaml.read import parse_document

# Numbers no message would hold otherwise: the larger stands for a numerator (or a sum), the smaller for its whole.
BIG, SMALL = 9973, 9967


def _run(pb: Playbook, body: dict[str, Any]) -> list[Problem]:
    text = json.dumps({"site": "your-site", "playbook": {"id": pb.id, "version": pb.version}, "period": "2026",
                       "review": "self", "raters": [{"role": "site-coordinator"}], **body})
    doc = parse_document(text.encode(), Path("form.yaml"))
    assert not isinstance(doc, Problem), doc
    audit = audit_from(doc)
    return [*check_ratings(pb, audit, "form"), *check_goals_and_actions(pb, audit, "form"),
            *check_figures(pb, audit, "form")]


def _marked(message: str, marks: dict[int, str]) -> str:
    for number, name in marks.items():
        message = re.sub(rf"(?<![\d.]){number}(?![\d])", "{" + name + "}", message)
    return message


def _by_rule(found: list[Problem], rule: str, marks: dict[int, str] | None = None) -> str | None:
    hit = next((p.message for p in found if p.rule == rule), None)
    return _marked(hit, marks or {}) if hit else None


def _dates() -> dict[str, str]:
    """The words of the rules on when an audit may be made and was finished, for made-up audits of 2026-Q3 and 2027-Q1
    checked on 2027-03-01."""
    marks = {"2026-Q3": "{period}", "2026-09-30": "{end}", "2027-03-01": "{today}", "2031-01-02": "{completed}",
             "2026-08-01": "{completed}", "2027-Q1": "{period}", "2027-03-31": "{end}", "2026-Q4": "{last}"}
    found = {}
    for rule, period, completed, extra in (
            ("audit-completed-missing", "2026-Q3", None, {}), ("audit-completed-future", "2026-Q3", "2031-01-02", {}),
            ("audit-completed-early", "2026-Q3", "2026-08-01", {}), ("audit-period-not-ended", "2027-Q1", None, {}),
            ("audit-period-not-ended-figures", "2027-Q1", None, {"figures": {"x": {"count": 1}}})):
        text = json.dumps({"site": "your-site", "playbook": {"id": "x", "version": "1.0.0"}, "period": period,
                           "completed": completed, "review": "self", "raters": [], "ratings": {}, **extra})
        doc = parse_document(text.encode(), Path("form.yaml"))
        assert not isinstance(doc, Problem), doc
        message = next(p.message for p in check_dates(audit_from(doc), "form", date(2027, 3, 1))
                       if p.rule == rule.removesuffix("-figures"))
        for marker, name in marks.items():
            message = message.replace(marker, name)
        found[rule.removeprefix("audit-")] = message
    return found


def _one(pb: Playbook, body: dict[str, Any], rule: str, marks: dict[int, str] | None = None) -> str | None:
    return _by_rule(_run(pb, body), rule, marks)


def form_messages(pb: Playbook) -> dict[str, Any]:
    """Every message the form shows, by the field it is about, with `{name}` where the page puts the value."""
    items, anchored = pb.instrument.items, pb.instrument.kind == "anchored"
    value = {"score": items[0].scores[-1]} if anchored and items else {"level": "expected"}
    unrated = _run(pb, {"ratings": {i.id: {"evidence": None} for i in items}})
    both = _run(pb, {"ratings": {i.id: {**value, "not_rated": "x"} for i in items}})
    over = {BIG: "numerator", SMALL: "denominator"}
    goals = {g.id: _one(pb, {"goals": {g.id: {"numerator": BIG, "denominator": SMALL}}}, "audit-goal-over-100", over)
             for g in pb.instrument.goals if g.is_fraction}
    negative = {g.id: _one(pb, {"goals": {g.id: {"value": -BIG}}}, "audit-goal-negative", {-BIG: "value"})
                for g in pb.instrument.goals if not g.is_fraction and g.unit == "count"}
    figures: dict[str, dict[str, str | None]] = {}
    for m in pb.measures:
        def shape(given: dict[str, int], rule: str, marks: dict[int, str] | None = None) -> str | None:
            return _one(pb, {"figures": {m.id: given}}, rule, marks)  # noqa: B023  called in this turn of the loop
        figures[m.id] = {"share_over": shape({"numerator": BIG, "denominator": SMALL}, "figure-share-over", over),
                         "n_without_mean": shape({"n": 1}, "figure-incomplete"),
                         "mean_without_n": shape({"mean": 1}, "figure-mean-without-n"),
                         "share_without_denominator": shape({"numerator": 1}, "figure-share-without-n"),
                         "share_without_numerator": shape({"denominator": 1}, "figure-share-without-n")}
    voice: dict[str, dict[str, str | None]] = {}
    for s in pb.voice.statements if pb.voice else ():
        answers = [a.id for a in pb.voice.answers] if pb.voice else []
        voice[s.id] = {
            "incomplete": _one(pb, {"voice": {s.id: {"n": 1, "answers": {}}}}, "voice-incomplete"),
            "sum": _one(pb, {"voice": {s.id: {"n": SMALL, "answers": {a: BIG if n == 0 else 0 for n, a in enumerate(answers)}}}},
                        "voice-answers-not-n", {BIG: "sum", SMALL: "n"})}
    return {"unrated": {p.message.split(" ", 1)[0]: p.message for p in unrated if p.rule == "audit-unrated"},
            "both": {p.message.split(" ", 1)[0]: p.message for p in both if p.rule == "audit-rating-both"},
            "goals": goals, "negative": negative, "figures": {k: {n: m for n, m in v.items() if m} for k, v in figures.items()},
            "voice": voice, **_dates(),
            "site": "choose your site, or choose \u201canother site\u201d and type its id"}
