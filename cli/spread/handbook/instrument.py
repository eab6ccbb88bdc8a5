"""The fidelity self-audit as a playbook page describes it: how often, what is rated, and how it is scored."""

from __future__ import annotations

from spread.handbook.blocks import section, table
from spread.handbook.components import anchor
from spread.handbook.escaping import text
from spread.handbook.regimes import regimes_text
from spread.handbook.words import FREQUENCY, sentence
from spread.model.instrument import Instrument, Item
from spread.model.playbook import Playbook
from spread.scoring.bands import ordered, span
from spread.scoring.goals import target_text


def unit(ins: Instrument) -> str:
    return "%" if ins.band_on == "percent" else ""


def banded_on(ins: Instrument) -> str:
    return {"percent": "percent of the maximum score", "mean": "mean item score"}.get(
        ins.band_on, "total score" if ins.method == "sum" else "mean item score")


def scoring(playbook: Playbook) -> str:
    ins = playbook.instrument
    rules = [f"The {banded_on(ins)} places an audit in a band:"]
    bands = table(["Band", "Range", "What it means"],
                  [[f"**{text(sentence(b.label))}**", span(b) + unit(ins), text(b.description or "")]
                   for b in reversed(ordered(ins.bands))])
    notes = []
    if ins.cap and any(c.critical for c in playbook.core):
        notes.append(f"A critical component rated unacceptable (a critical breach) caps the band at "
                     f"**{text(sentence(ins.cap))}**, whatever the total; a critical component that is not rated "
                     "is flagged as unverified.")
    if any(item.min is not None for item in ins.items) and ins.kind == "anchored":
        notes.append("Items with a minimum score are flagged when a site scores below it, whatever the total.")
    notes.append(missing_rule(ins))
    return section("### How it is scored", *rules, bands, " ".join(notes))


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
    return "An audit with any item not rated gets no band: missing items are never counted as zero or as full marks."


def _item(playbook: Playbook, item: Item, level: int) -> str:
    component = playbook.component(item.component)
    about = f"Core component: [{text(component.title)}](#{anchor('core', item.component)})" if component else ""
    minimum = f"; lowest acceptable score {item.min}" if item.min is not None else ""
    rows = [[str(score), sentence(item.level_of(score)), text(words)]
            for score, words in sorted(item.anchors.items(), reverse=True)]
    return section(f"{'#' * level} {text(item.id)} · {text(item.title)}", f"{about}{minimum}.",
                   text(item.description) if item.description else "",
                   table(["Score", "Counts as", "What it looks like"], rows))


def items(playbook: Playbook) -> str:
    ins = playbook.instrument
    if ins.kind == "practice-profile":
        return section("### What is rated",
                       "Each core component is one item, rated on its practice profile (shown with the component "
                       "above): expected scores 2, developmental 1 and unacceptable 0.")
    parts = ["### What is rated", (f"{len(ins.items)} items, each scored from {ins.scale_min} to {ins.scale_max}. "
             "Pick the score whose description matches what you can show happened in the period. Each score counts "
             "as expected, developmental or unacceptable practice in the heat map and the reports; unacceptable on "
             "a critical component is a critical breach.")]
    sections = ins.sections or ()
    for s in sections:
        parts.append(f"#### {text(s.title)}")
        parts += [_item(playbook, item, 5) for item in ins.items if item.section == s.id]
    parts += [_item(playbook, item, 4) for item in ins.items if item.section not in {s.id for s in sections}]
    return section(*parts)


def goals(ins: Instrument) -> str:
    if not ins.goals:
        return ""
    rows = [[f"{text(g.id)} · {text(g.title)}", text(g.metric or ""),
             text(target_text(g))] for g in ins.goals]
    return section("### Goals", "Numeric targets, each reported as met, not met or no data, and never added to "
                   "the score.", table(["Goal", "What is measured", "Target"], rows))


def instrument(playbook: Playbook, checklist_link: str, template_link: str) -> str:
    ins = playbook.instrument
    what = (f"{len(ins.items)} items on a {ins.scale_min}–{ins.scale_max} scale" if ins.kind == "anchored"
            else f"each of the {len(ins.items)} core components")
    return section(
        "## Fidelity self-audit",
        (f"Every site rates itself {FREQUENCY[ins.frequency]} against {what}" if not ins.regimes else
         f"Every site rates itself against {what}") + ", honestly and with evidence: records, documents, interviews "
        "or observation. The audit ends with an action plan.", regimes_text(ins),
        f"[Printable blank checklist]({checklist_link}) · [Blank audit file (YAML)]({template_link})",
        scoring(playbook), items(playbook), goals(ins))
