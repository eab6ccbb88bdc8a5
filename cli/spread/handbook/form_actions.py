"""The action plan at the end of the self-audit form (`form_page`): what the site will do next, one row per action.

A self-audit ends with its action plan: the item or component an action is about, the action, who owns it (a role)
and when it is due. The rows are written here, at build time, a fixed number of them; `assets/spread-form-plan.js`
shows the first and any filled in, reveals another when asked, names the items to start with (from the page's own
score) and hands the answers to `assets/spread-form.js`, which writes them as `spread audit new` would. Every word
from the playbook enters through `escaping.html`.
"""

from __future__ import annotations

from spread.handbook.escaping import html
from spread.handbook.form_fields import input_field
from spread.model.playbook import Playbook
from spread.model.schemas import schema

ROWS = 8
WHOLE = "The whole programme, or no one item"


def due_hint() -> str:
    """What the audit schema asks of a due date, in its own words (the check's message for one that is not a date)."""
    return str(schema("audit")["properties"]["actions"]["items"]["properties"]["due"]["errorMessage"])


def _options(pb: Playbook) -> str:
    """Every item of the instrument, then the core components that are not items: what the check knows an action to
    be about (`check.rules.audit.check_goals_and_actions`), so the form cannot name anything else."""
    items = "".join(f'<option value="{html(i.id)}">{html(i.id)} · {html(i.title)}</option>' for i in pb.instrument.items)
    rated = {i.id for i in pb.instrument.items}
    core = "".join(f'<option value="{html(c.id)}">{html(c.id)} · {html(c.title)}</option>' for c in pb.core
                   if c.id not in rated)
    return (f'<option value="">{WHOLE}</option>'
            + (f'<optgroup label="Items">{items}</optgroup>' if items else "")
            + (f'<optgroup label="Other core components">{core}</optgroup>' if core else ""))


def _row(pb: Playbook, n: int) -> str:
    name = f"actions.{n}"
    field = html(f"f-{name}.item")
    select = (f'<div class="spread-form-field" data-field="{html(name)}.item"><label for="{field}">What it is about'
              f'</label><span class="spread-form-error" id="{field}-error" hidden></span><select id="{field}" '
              f'name="{html(name)}.item" aria-describedby="{field}-error">{_options(pb)}</select></div>')
    return (f'<fieldset class="spread-form-action" id="action-{n + 1}" data-row="{n}"{" hidden" if n else ""}>'
            f"<legend>Action {n + 1}</legend>{select}"
            + input_field(f"{name}.action", "What will be done", "textarea")
            + input_field(f"{name}.owner", "Who will do it: a role, not a person's name",
                          hint="Like site-coordinator or volunteer-lead: the plan outlives a change of staff.")
            + input_field(f"{name}.due", "Due by", "date") + "</fieldset>")


def action_fields(pb: Playbook) -> str:
    """The action plan's rows, the first shown, and the button that shows the next."""
    rows = "".join(_row(pb, n) for n in range(ROWS))
    return ('<fieldset class="spread-form-plan" id="action-plan"><legend>Action plan</legend>'
            "<p>What your site will do next, one action per row, starting with items below their minimum or below "
            "expected practice. Leave the rows empty if you have no actions yet.</p>"
            '<p class="spread-form-hint" id="spread-form-plan-focus">Once items are rated, the ones to start with are '
            f"named here.</p>{rows}"
            '<p><button type="button" data-action="add-action">Add another action</button></p>'
            f'<p class="spread-form-hint" id="spread-form-plan-full" hidden>The form takes {ROWS} actions: add more '
            "to the downloaded file, in the same way.</p></fieldset>")
