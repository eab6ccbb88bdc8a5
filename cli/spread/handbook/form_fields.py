"""The fields of the self-audit form (`form_page`): each item with its anchors or practice levels as radio choices,
its evidence, sources and "could not be rated, because"; each goal's counts; each figure and survey statement.

Each field is labelled, has a hint where it helps and an empty error line the script fills in (`aria-describedby`
names both). Every word from the playbook enters through `escaping.html`.
"""

from __future__ import annotations

from spread.adopt.audit_template import levels
from spread.adopt.figures_template import PARTS
from spread.handbook.escaping import html
from spread.model.instrument import Goal, Item
from spread.model.playbook import CoreComponent, Playbook
from spread.model.scales import shown
from spread.model.schemas import schema


def _sources() -> list[str]:
    rating = schema("audit")["properties"]["ratings"]["additionalProperties"]["properties"]
    return [str(s) for s in rating["sources"]["items"]["enum"]]


def input_field(name: str, label: str, kind: str = "text", hint: str = "", **attrs: str) -> str:
    """A labelled field with room for its hint and its error message (`aria-describedby` names both)."""
    field = html(f"f-{name}")
    extra = "".join(f' {k.replace("_", "-")}="{html(v)}"' for k, v in attrs.items())
    tag = (f'<textarea id="{field}" name="{html(name)}" rows="2"{extra}></textarea>' if kind == "textarea" else
           f'<input id="{field}" name="{html(name)}" type="{kind}"{extra}>')
    hint_html = f'<span class="spread-form-hint" id="{field}-hint">{hint}</span>' if hint else ""
    described = f"{field}-hint {field}-error" if hint else f"{field}-error"
    tag = tag.replace(f'id="{field}"', f'id="{field}" aria-describedby="{described}"', 1)
    return (f'<div class="spread-form-field" data-field="{html(name)}"><label for="{field}">{label}</label>{hint_html}'
            f'<span class="spread-form-error" id="{field}-error" hidden></span>{tag}</div>')


def _choices(pb: Playbook, item: Item) -> list[tuple[str, str]]:
    if pb.instrument.kind != "anchored":
        return [(key, f"{key.capitalize()}: {words}") for key, words in levels(pb, item)]
    words = {score: said for scores, said in item.anchor_rows() for score in scores if said is not None}
    return [(shown(s), f"{shown(s)}: {words[s]}" if s in words else f"{shown(s)}: between the anchors")
            for s in reversed(item.scores)]


def item_fields(pb: Playbook, item: Item) -> str:
    name = f"ratings.{item.id}"
    component = pb.component(item.component)
    critical = isinstance(component, CoreComponent) and component.critical
    notes = ["critical"] * critical + ([f"lowest acceptable score {shown(item.min)}"] if item.min is not None
                                       and pb.instrument.kind == "anchored" else [])
    radios = "".join(
        f'<label class="spread-form-choice"><input type="radio" name="{html(name)}.value" value="{html(value)}"> '
        f"{html(label)}</label>" for value, label in _choices(pb, item))
    sources = "".join(f'<label class="spread-form-source"><input type="checkbox" name="{html(name)}.sources" '
                      f'value="{html(s)}"> {html(s)}</label>' for s in _sources())
    key = html(item.id)
    flags = ' <strong class="spread-form-critical">critical</strong>' if critical else ""
    flags += "".join(f' <span class="spread-form-note">({html(n)})</span>' for n in notes[critical:])
    return (f'<fieldset class="spread-form-item" id="item-{key}" data-item="{key}" data-field="{html(name)}.value" '
            f'aria-describedby="f-{html(name)}.value-error">'
            f"<legend>{key} · {html(item.title)}{flags}</legend>"
            + (f'<p class="spread-form-hint">{html(" ".join(item.description.split()))}</p>' if item.description else "")
            + f'<span class="spread-form-error" id="f-{html(name)}.value-error" hidden></span>'
            f'<div class="spread-form-choices">{radios}</div>'
            + input_field(f"{name}.evidence", "Evidence: what is this rating based on?", "textarea")
            + f'<fieldset class="spread-form-sources"><legend>Where the evidence comes from</legend>{sources}</fieldset>'
            + input_field(f"{name}.not_rated", "Could not be rated, because", "textarea",
                     "Only if you cannot rate this item: leave the rating empty and say why.")
            + "</fieldset>")


def goal_fields(goal: Goal) -> str:
    parts = [("numerator", goal.numerator or "How many"), ("denominator", goal.denominator or "Out of how many")] \
        if goal.is_fraction else [("value", goal.metric or "The figure")]
    fields = "".join(input_field(f"goals.{goal.id}.{part}", html(" ".join(str(label).split())), "number", "", min="0",
                            step="any", inputmode="decimal") for part, label in parts)
    return (f'<fieldset class="spread-form-goal" id="goal-{html(goal.id)}"><legend>{html(goal.id)} · '
            f"{html(goal.title)}</legend>{fields}</fieldset>")


def figure_fields(pb: Playbook) -> str:
    blocks = []
    for m in pb.measures:
        fields = "".join(input_field(f"figures.{m.id}.{part}", html(part if part != "n" else "n: how many people it is over"),
                                "number", "", step="any", inputmode="decimal") for part in PARTS[m.figure])
        blocks.append(f'<fieldset class="spread-form-figure" id="figure-{html(m.id)}"><legend>{html(m.name)} '
                      f'<span class="spread-form-note">({html(m.kind)}, in {html(m.unit)})</span></legend>'
                      + (f'<p class="spread-form-hint">{html(" ".join(about.split()))}</p>'
                         if (about := m.guidance or m.collected) else "") + fields + "</fieldset>")
    if pb.voice is not None:
        for s in pb.voice.statements:
            fields = input_field(f"voice.{s.id}.n", "How many people answered", "number", "", min="0", step="1") + "".join(
                input_field(f"voice.{s.id}.answers.{a.id}", html(a.label), "number", "", min="0", step="1")
                for a in pb.voice.answers)
            blocks.append(f'<fieldset class="spread-form-voice" id="voice-{html(s.id)}"><legend>{html(s.id)} · '
                          f"“{html(s.text)}”</legend>{fields}</fieldset>")
    return "".join(blocks)
