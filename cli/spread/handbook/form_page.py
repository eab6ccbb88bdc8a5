"""The self-audit form page: one per playbook version a site runs, every item with its anchors or practice levels as
choices, written as HTML at build time so that it reads as a whole before (or without) any script.

Every word from the playbook or a site enters through `escaping.html`. `assets/spread-form.js` then keeps a draft,
checks the answers, scores them as they are given and writes the audit file (`form_data` holds what it needs).
"""

from __future__ import annotations

from spread.adopt.audit_form import REVIEWS
from spread.adopt.audit_template import levels
from spread.handbook import paths
from spread.handbook.blocks import front_matter, section
from spread.handbook.escaping import html, text
from spread.model.instrument import Goal, Item
from spread.model.playbook import CoreComponent, Playbook
from spread.model.regimes import regime_of
from spread.model.scales import shown
from spread.model.schemas import schema
from spread.model.site import Site

PAGE_ID = "spread-form"


def _sources() -> list[str]:
    rating = schema("audit")["properties"]["ratings"]["additionalProperties"]["properties"]
    return [str(s) for s in rating["sources"]["items"]["enum"]]


def _input(name: str, label: str, kind: str = "text", hint: str = "", **attrs: str) -> str:
    """A labelled field with room for its hint and its error message (`aria-describedby` names both)."""
    field = f"f-{name}"
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


def _item(pb: Playbook, item: Item) -> str:
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
            + _input(f"{name}.evidence", "Evidence: what is this rating based on?", "textarea")
            + f'<fieldset class="spread-form-sources"><legend>Where the evidence comes from</legend>{sources}</fieldset>'
            + _input(f"{name}.not_rated", "Could not be rated, because", "textarea",
                     "Only if you cannot rate this item: leave the rating empty and say why.")
            + "</fieldset>")


def _goal(goal: Goal) -> str:
    parts = [("numerator", goal.numerator or "How many"), ("denominator", goal.denominator or "Out of how many")] \
        if goal.is_fraction else [("value", goal.metric or "The figure")]
    fields = "".join(_input(f"goals.{goal.id}.{part}", html(" ".join(str(label).split())), "number", "", min="0",
                            step="any", inputmode="decimal") for part, label in parts)
    return (f'<fieldset class="spread-form-goal" id="goal-{html(goal.id)}"><legend>{html(goal.id)} · '
            f"{html(goal.title)}</legend>{fields}</fieldset>")


def _figures(pb: Playbook) -> str:
    from spread.adopt.figures_template import PARTS

    blocks = []
    for m in pb.measures:
        fields = "".join(_input(f"figures.{m.id}.{part}", html(part if part != "n" else "n: how many people it is over"),
                                "number", "", step="any", inputmode="decimal") for part in PARTS[m.figure])
        blocks.append(f'<fieldset class="spread-form-figure" id="figure-{html(m.id)}"><legend>{html(m.name)} '
                      f'<span class="spread-form-note">({html(m.kind)}, in {html(m.unit)})</span></legend>'
                      + (f'<p class="spread-form-hint">{html(" ".join(about.split()))}</p>'
                         if (about := m.guidance or m.collected) else "") + fields + "</fieldset>")
    if pb.voice is not None:
        for s in pb.voice.statements:
            fields = _input(f"voice.{s.id}.n", "How many people answered", "number", "", min="0", step="1") + "".join(
                _input(f"voice.{s.id}.answers.{a.id}", html(a.label), "number", "", min="0", step="1")
                for a in pb.voice.answers)
            blocks.append(f'<fieldset class="spread-form-voice" id="voice-{html(s.id)}"><legend>{html(s.id)} · '
                          f"“{html(s.text)}”</legend>{fields}</fieldset>")
    return "".join(blocks)


def _about(pb: Playbook, sites: list[Site], period: str) -> str:
    options = "".join(f'<option value="{html(s.id)}">{html(s.name)}</option>' for s in sites)
    picker = (f'<div class="spread-form-field" data-field="site"><label for="f-site">Your site</label>'
              f'<span class="spread-form-error" id="f-site-error" hidden></span>'
              f'<select id="f-site" name="site" aria-describedby="f-site-error"><option value="">Choose your site…</option>'
              f'{options}<option value="*">Another site: I will type its id</option></select></div>')
    usual = regime_of(pb.instrument, None) if pb.instrument.regimes else None  # as `audit new` chooses
    regimes = "".join(f'<label class="spread-form-choice"><input type="radio" name="regime" value="{html(r.id)}"'
                      f'{" checked" if r == usual else ""}> {html(r.title)}</label>' for r in pb.instrument.regimes)
    reviews = "".join(f'<option value="{html(k)}">{html(k)}: {html(v)}</option>' for k, v in REVIEWS)
    return (picker + _input("site_id", "Site id", hint="The id of your site in the network, as in its web address.",
                            autocomplete="off", spellcheck="false")
            + _input("period", "Period rated", hint=f"The period this audit covers, like {html(period)}.",
                     value=period, autocomplete="off", spellcheck="false")
            + (f'<fieldset class="spread-form-regime"><legend>Kind of review</legend>{regimes}</fieldset>' if regimes else "")
            + f'<div class="spread-form-field" data-field="review"><label for="f-review">Who rated</label>'
            f'<select id="f-review" name="review">{reviews}</select></div>'
            + _input("role", "Your role (not your name)", value="site-coordinator")
            + _input("organisation", "Organisation of the reviewers", hint="Only for a peer or independent review.")
            + _input("completed", "Date finished", "date", "The day you finish this audit."))


def form_page(pb: Playbook, sites: list[Site], period: str) -> str:
    """The form's page; `sites` the sites on this version the handbook shows, `period` the one to rate now."""
    page = paths.form(pb.id, pb.version)
    goals = "".join(_goal(g) for g in pb.instrument.goals)
    figures = _figures(pb)
    form = (f'<form id="{PAGE_ID}" class="spread-form" novalidate data-playbook="{html(pb.id)}" '
            f'data-version="{html(pb.version)}">'
            '<div class="spread-form-summary" id="spread-form-summary" tabindex="-1" role="alert" hidden></div>'
            f'<fieldset class="spread-form-about"><legend>About this audit</legend>{_about(pb, sites, period)}</fieldset>'
            + "".join(_item(pb, item) for item in pb.instrument.items)
            + (f'<h2 id="goals">Goals</h2><p>The counts for the period. Leave a number empty if you have no data.</p>'
               f"{goals}" if goals else "")
            + ('<h2 id="figures">Reach, outcomes and what participants said</h2><p>Totals for the period only, never '
               "one person's figure or answer. Leave a figure empty if you have none this period.</p>" + figures
               if figures else "")
            + '<div class="spread-form-score" id="spread-form-score" aria-live="polite"></div>'
            '<div class="spread-form-actions"><button type="button" '
            'data-action="download">Download the audit file</button> <button type="button" '
            'data-action="reset">Start again</button></div><p class="spread-form-status" id="spread-form-status" '
            'role="status"></p></form>')
    scripts = (f'<script src="{paths.url(page, paths.form_data(pb.id, pb.version))}"></script>\n'
               f'<script src="{paths.url(page, paths.ASSETS + "/vendor/audit-validator.js")}"></script>\n'
               f'<script src="{paths.url(page, paths.ASSETS + "/spread-score.js")}"></script>\n'
               f'<script src="{paths.url(page, paths.ASSETS + "/spread-form.js")}"></script>')
    intro = (f"Rate your site against version {text(pb.version)} of {text(pb.title)} for one period, here in your "
             "browser: nothing you type leaves this computer. Your answers are kept in this browser as you go, so you "
             "can close the page and come back. When you have finished, download the audit file and email it to the "
             "network's central team, who import it with `spread audit import`.")
    fallback = ("<noscript><p>This form needs JavaScript to keep your answers and make the file. Without it, use the "
                f'<a href="{paths.url(page, paths.audit_template(pb.id, pb.version))}">blank audit file</a> or the '
                f'<a href="{paths.url(page, paths.checklist(pb.id, pb.version))}">printable checklist</a>.</p></noscript>')
    body = section(f"# Self-audit form: {text(pb.title)} {text(pb.version)}", intro, fallback, form, scripts)
    return front_matter(f"Self-audit form: {pb.title} {pb.version}") + body + "\n"
