"""A blank self-audit checklist for one playbook version, laid out to be printed and filled in by hand.

Many sites rate themselves round a table with a pen; the YAML file comes after. The page hides the
navigation, and the handbook's print styles drop the header and sidebars, so it prints as a form: a cover page
(what to do, who rated, when), then each item as one block that never splits across pages, with its heading kept
with it, room to write the evidence and a line for why an item could not be rated; at least two items to a page.
Headings go down one level at a time: sections under the title, items under their section (or under the title
when the playbook has no sections).
"""

from __future__ import annotations

from spread.adopt.audit_template import levels
from spread.handbook.blocks import front_matter, section, table
from spread.handbook.escaping import text
from spread.handbook.words import sentence
from spread.model.instrument import Item
from spread.model.playbook import CoreComponent, Playbook
from spread.model.scales import ranges, told
from spread.model.scales import shown as point_text
from spread.scoring.goals import target_text

BOX = "☐"
WRITE = '<div class="spread-write" aria-hidden="true"></div>'
WRITE_SHORT = '<div class="spread-write spread-write-short" aria-hidden="true"></div>'


def _choices(playbook: Playbook, item: Item) -> list[list[str]]:
    if playbook.instrument.kind == "anchored":
        return [[ranges(scores, item.scores), text(words) if words is not None else "*Between the anchors*",
                 BOX if words is not None else " ".join([BOX] * len(scores))]
                for scores, words in reversed(item.anchor_rows())]
    return [[sentence(level), text(words), BOX] for level, words in levels(playbook, item)]


def _item(playbook: Playbook, item: Item, level: int) -> str:
    anchored = playbook.instrument.kind == "anchored"
    name = f"{text(item.id)} · {text(item.title)}" if anchored else text(item.title)
    minimum = f"Scored {told(item.scores)}." if anchored else ""
    minimum += f" Lowest acceptable score: {point_text(item.min)}." if anchored and item.min is not None else ""
    component = playbook.component(item.component)
    shows = component.evidence if isinstance(component, CoreComponent) else ()
    looks_for = ("A site shows it by: " + "; ".join(text(e) for e in shows) + ".") if shows else ""
    return section('<div class="spread-item" markdown>', f"{'#' * level} {name}",
                   text(item.description) if item.description else "", minimum, looks_for,
                   table(["Score" if anchored else "Level", "What it looks like", "Tick one"],
                         _choices(playbook, item)),
                   "Evidence and where it comes from (records, documents, interviews, observation):", WRITE,
                   f"{BOX} Could not be rated, because:\n{{: .spread-could-not }}", WRITE_SHORT, "</div>")


def _goals(playbook: Playbook) -> str:
    rows = [[f"{text(g.id)} · {text(g.title)}", text(g.numerator or g.metric or ""),
             text(g.denominator or ""), " ",
             text(target_text(g))] for g in playbook.instrument.goals]
    if not rows:
        return ""
    return section("## Goals", "Fill these in from the period's records.",
                   table(["Goal", "Count on top (or the value)", "Count below", "Your figures",
                          "Target"], rows))


def checklist_page(playbook: Playbook) -> str:
    pb, ins = playbook, playbook.instrument
    title = f"Self-audit checklist: {pb.title}, version {pb.version}"
    head = table(["Site", "Period", "Review", "Completed on", "Raters (roles, not names)"],
                 [[" ", " ", f"{BOX} self {BOX} guided {BOX} independent", " ", " "]])
    count = len(ins.items)
    cover = section('<div class="spread-cover" markdown>', "# Self-audit checklist",
                    f"**{text(pb.title)}**, version {text(pb.version)}: {count} item{'s' * (count != 1)} to rate.",
                    ("Rate what you can show happened in the period, not what is planned. Tick one level for each item "
                     "and note your evidence; if you cannot rate an item, tick the box under it and say why. Then copy "
                     "the ratings into the site's audit file and run `spread check`."), head, _goals(pb), "</div>")
    body = [cover]
    sections = {s.id: s.title for s in ins.sections}
    current = None
    for item in ins.items:
        if item.section in sections and item.section != current:
            current = item.section
            body.append(f"## {text(sections[item.section])}")
        body.append(_item(pb, item, 3 if item.section in sections else 2))
    body += ["## Action plan", table(["Item", "Action", "Owner (a role)", "Due"], [[" "] * 4] * 4)]
    form = section('<div class="spread-form" markdown>', *body, "</div>")
    return front_matter(title, "navigation", "toc") + form + "\n"
