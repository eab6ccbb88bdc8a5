"""The fidelity self-audit as a playbook page describes it: how often, what is rated, and how it is scored."""

from __future__ import annotations

from spread.handbook.blocks import section, table
from spread.handbook.components import anchor
from spread.handbook.escaping import text
from spread.handbook.regimes import regimes_text
from spread.handbook.words import FREQUENCY, sentence
from spread.model.instrument import Instrument, Item
from spread.model.playbook import Playbook
from spread.model.scales import Point, ranges, told
from spread.model.scales import shown as point_text
from spread.scoring.bands import ordered, span
from spread.scoring.goals import target_text


def unit(ins: Instrument) -> str:
    return "%" if ins.band_on == "percent" else ""


def banded_on(ins: Instrument) -> str:
    return {"percent": "percent of the maximum score", "mean": "mean item score"}.get(
        ins.band_on, {"sum": "total score", "sum-of-section-means": "sum of the sections' mean scores"}.get(
            ins.method, "mean item score"))


def scoring(playbook: Playbook) -> str:
    ins = playbook.instrument
    notes = []
    if ins.method == "sum-of-section-means":
        notes.append("The total is the sum of each section's mean item score.")
    if ins.bands:
        rules = [f"The {banded_on(ins)} places an audit in a band:"]
        bands = table(["Band", "Range", "What it means"],
                      [[f"**{text(b.name)}**", span(b) + unit(ins), text(b.description or "")]
                       for b in reversed(ordered(ins.bands))])
    else:
        rules, bands = [_unbanded(ins)], ""
    cap = next((b for b in ins.bands if b.label == ins.cap), None)
    if cap is not None and any(c.critical for c in playbook.core):
        notes.append(f"A critical component rated unacceptable (a critical breach) caps the band at "
                     f"**{text(cap.name)}**, whatever the total; a critical component that is not rated "
                     "is flagged as unverified.")
    if any(item.min is not None for item in ins.items) and ins.kind == "anchored" and ins.bands:
        notes.append("Items with a minimum score are flagged when a site scores below it, whatever the total.")
    if ins.items:
        notes.append(missing_rule(ins))
    return section("### How it is scored", *rules, bands, " ".join(notes))


def _unbanded(ins: Instrument) -> str:
    """How an instrument without bands gives its verdict, in a sentence."""
    goals = any(not g.informational for g in ins.goals)
    if not ins.items:
        return ("This instrument rates no items: it is judged by its goals alone, reported as how many are met"
                + (", overall and in each area." if ins.areas else "."))
    minimums = any(item.min is not None for item in ins.items)
    said = ["This instrument has no bands."]
    if minimums:
        said.append("Its verdict comes from the items' minimums: every minimum met, or the items below theirs "
                    "(flagged whatever the total).")
    if goals:
        said.append("Its goals are reported as how many are met.")
    return " ".join(said)


def missing_rule(ins: Instrument) -> str:
    """The playbook's rule for items that could not be rated, in a sentence."""
    if ins.missing == "lowest":
        return "An item that is not rated scores the bottom of its scale, as if the evidence showed its lowest anchor."
    if ins.missing == "exclude":
        most = ins.max_unrated or 0
        return (f"If at most {most} item{'s' * (most != 1)} cannot be rated, the audit is banded on the "
                f"{'percent' if ins.band_on == 'percent' else 'mean'} of the rated items; with more, it gets no band.")
    if ins.missing == "mean-of-rated":
        return "If some items cannot be rated, the mean of the rated items is used."
    return (f"An audit with any item not rated gets no {'band' if ins.bands else 'verdict'}: missing items are never "
            "counted as zero or as full marks.")


def _counts_as(item: Item, scores: tuple[Point, ...]) -> str:
    return sentence(" to ".join(dict.fromkeys(item.level_of(s) for s in scores)))


def _item(playbook: Playbook, item: Item, level: int, shared: str | None) -> str:
    component = playbook.component(item.component)
    about = f"Core component: [{text(component.title)}](#{anchor('core', item.component)})" if component else ""
    scale = f"; scored {told(item.scores)}" if told(item.scores) != shared else ""
    minimum = f"; lowest acceptable score {point_text(item.min)}" if item.min is not None else ""
    rows = [[ranges(scores, item.scores), _counts_as(item, scores),
             text(words) if words is not None else "*Between the anchors*"]
            for scores, words in reversed(item.anchor_rows())]
    return section(f"{'#' * level} {text(item.id)} · {text(item.title)}", f"{about}{scale}{minimum}.",
                   text(item.description) if item.description else "",
                   table(["Score", "Counts as", "What it looks like"], rows))


def shared_scale(ins: Instrument) -> str | None:
    """The scores every item takes, in words (`1 to 5`), or None when items differ."""
    scales = {told(item.scores) for item in ins.items}
    return scales.pop() if len(scales) == 1 else None


def items(playbook: Playbook) -> str:
    ins = playbook.instrument
    if ins.kind == "practice-profile":
        return section("### What is rated",
                       "Each core component is one item, rated on its practice profile (shown with the component "
                       "above): expected scores 2, developmental 1 and unacceptable 0.")
    if ins.kind == "goals":
        return section("### What is rated", "No items are rated: each audit reports the figures its goals ask for.")
    shared = shared_scale(ins)
    scored = f"each scored {shared}" if shared else "each scored on its own scale, as it says"
    between = (" A score between two described scores is for practice between the two descriptions."
               if any(item.unanchored for item in ins.items) else "")
    parts = ["### What is rated", (f"{len(ins.items)} items, {scored}. "
             "Pick the score whose description matches what you can show happened in the period. Each score counts "
             "as expected, developmental or unacceptable practice in the heat map and the reports; unacceptable on "
             f"a critical component is a critical breach.{between}")]
    sections = ins.sections or ()
    for s in sections:
        parts.append(f"#### {text(s.title)}")
        parts += [_item(playbook, item, 5, shared) for item in ins.items if item.section == s.id]
    parts += [_item(playbook, item, 4, shared) for item in ins.items if item.section not in {s.id for s in sections}]
    return section(*parts)


def goals(ins: Instrument) -> str:
    if not ins.goals:
        return ""
    areas = bool(ins.areas)
    rows = [[f"{text(g.id)} · {text(g.title)}", *([text(g.area or "")] if areas else []), text(g.metric or ""),
             text(target_text(g)) if not g.informational else "No target: reported, never judged"] for g in ins.goals]
    what = ("Numeric targets, each reported as met, not met or no data, and never added to the score"
            + (", with how many are met in each area" if areas else "")
            + ("; figures with no target are reported and never judged." if any(g.informational for g in ins.goals)
               else "."))
    return section("### Goals", what, table(["Goal", *(["Area"] if areas else []), "What is measured", "Target"], rows))


def instrument(playbook: Playbook, checklist_link: str, template_link: str, forms: str = "") -> str:
    """`forms`: the links to the self-audit forms of the versions sites run, already Markdown."""
    ins = playbook.instrument
    shared = shared_scale(ins) if ins.items else None
    what = {"anchored": f"{len(ins.items)} items" + (f", each scored {shared}" if shared else ""),
            "goals": f"the {len(ins.goals)} figures its goals ask for"}.get(
        ins.kind, f"each of the {len(ins.items)} core components")
    return section(
        "## Fidelity self-audit",
        (f"Every site rates itself {FREQUENCY[ins.frequency]} against {what}" if not ins.regimes else
         f"Every site rates itself against {what}") + ", honestly and with evidence: records, documents, interviews "
        "or observation. The audit ends with an action plan.", regimes_text(ins),
        f"[Printable blank checklist]({checklist_link}) · [Blank audit file (YAML)]({template_link})", forms,
        scoring(playbook), items(playbook), goals(ins))
