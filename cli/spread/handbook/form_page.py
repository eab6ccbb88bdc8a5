"""The self-audit form page: one per playbook version a site runs, every item with its anchors or practice levels as
choices, written as HTML at build time so that it reads as a whole before (or without) any script.

Every word from the playbook or a site enters through `escaping.html`. `assets/spread-form.js` then keeps a draft,
checks the answers, scores them as they are given and writes the audit file (`form_data` holds what it needs).
"""

from __future__ import annotations

from spread.adopt.audit_form import REVIEWS
from spread.handbook import paths
from spread.handbook.blocks import front_matter, section
from spread.handbook.escaping import html, text
from spread.handbook.form_actions import action_fields
from spread.handbook.form_fields import figure_fields, goal_fields, input_field, item_fields
from spread.model.playbook import Playbook
from spread.model.regimes import regime_of
from spread.model.site import Site

PAGE_ID = "spread-form"


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
    return (picker + input_field("site_id", "Site id", hint="The id of your site in the network, as in its web address.",
                            autocomplete="off", spellcheck="false")
            + input_field("period", "Period rated", hint=f"The period this audit covers, like {html(period)}.",
                     value=period, autocomplete="off", spellcheck="false")
            + (f'<fieldset class="spread-form-regime"><legend>Kind of review</legend>{regimes}</fieldset>' if regimes else "")
            + f'<div class="spread-form-field" data-field="review"><label for="f-review">Who rated</label>'
            f'<select id="f-review" name="review">{reviews}</select></div>'
            + input_field("role", "Your role (not your name)", value="site-coordinator")
            + input_field("organisation", "Organisation of the reviewers", hint="Only for a peer or independent review.")
            + input_field("completed", "Date finished", "date", "The day you finish this audit."))


def form_page(pb: Playbook, sites: list[Site], period: str) -> str:
    """The form's page; `sites` the sites on this version the handbook shows, `period` the one to rate now."""
    page = paths.form(pb.id, pb.version)
    goals = "".join(goal_fields(g) for g in pb.instrument.goals)
    figures = figure_fields(pb)
    form = (f'<form id="{PAGE_ID}" class="spread-form" novalidate data-playbook="{html(pb.id)}" '
            f'data-version="{html(pb.version)}">'
            '<div class="spread-form-summary" id="spread-form-summary" tabindex="-1" role="alert" hidden></div>'
            f'<fieldset class="spread-form-about"><legend>About this audit</legend>{_about(pb, sites, period)}</fieldset>'
            + "".join(item_fields(pb, item) for item in pb.instrument.items)
            + (f'<h2 id="goals">Goals</h2><p>The counts for the period. Leave a number empty if you have no data.</p>'
               f"{goals}" if goals else "")
            + ('<h2 id="figures">Reach, outcomes and what participants said</h2><p>Totals for the period only, never '
               "one person's figure or answer. Leave a figure empty if you have none this period.</p>" + figures
               if figures else "")
            + action_fields(pb)
            + '<div class="spread-form-score" id="spread-form-score" aria-live="polite"></div>'
            '<div class="spread-form-actions"><button type="button" '
            'data-action="download">Download the audit file</button> <button type="button" '
            'data-action="reset">Start again</button></div><p class="spread-form-status" id="spread-form-status" '
            'role="status"></p></form>')
    scripts = (f'<script src="{paths.url(page, paths.form_data(pb.id, pb.version))}"></script>\n'
               f'<script src="{paths.url(page, paths.ASSETS + "/vendor/audit-validator.js")}"></script>\n'
               f'<script src="{paths.url(page, paths.ASSETS + "/spread-score.js")}"></script>\n'
               f'<script src="{paths.url(page, paths.ASSETS + "/spread-form-plan.js")}"></script>\n'
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
