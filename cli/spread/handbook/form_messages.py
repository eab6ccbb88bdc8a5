"""The self-audit form's messages, in `spread check`'s own words: taken at build time from the check's rules.

The rules that a person can break in the form (an item left without a rating or a reason, both given, a share over
its whole, a mean without its n, answers that do not add up to n) run here on made-up audits whose numbers are
markers; each message comes back with `{numerator}`, `{n}`… where the markers were, for the page to fill in. The
words therefore cannot drift from the check's: a reworded rule rewords the form.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from spread.check.rules.audit import check_goals_and_actions, check_ratings
from spread.check.rules.figures import check_figures
from spread.errors import Problem
from spread.model.build import audit_from
from spread.model.playbook import Playbook
from spread.model.schemas import schema
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


def _schema_words() -> dict[str, str]:
    """The schema's own hints for the fields the form asks for (what `spread check` says after a wrong value)."""
    props = schema("audit")["properties"]
    return {"slug": props["site"].get("errorMessage", ""), "period": props["period"].get("errorMessage", ""),
            "date": props["completed"].get("errorMessage", "write the date as YYYY-MM-DD"),
            "role": f"`role` is empty: fill it in. {props['raters']['items']['properties']['role'].get('description', '')}".strip()}


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
            "goals": goals, "figures": {k: {n: m for n, m in v.items() if m} for k, v in figures.items()},
            "voice": voice, **_schema_words(),
            "pattern": "`{name}` is {value}: {fix}", "minimum": "`{name}` is {value} but must be at least 0",
            "site": "choose your site, or choose \u201canother site\u201d and type its id"}
