"""A playbook page's "Adopt this programme": the answers `spread site new` asks for, as a form that downloads the
answers file `spread site new PLAYBOOK SITE --answers FILE` reads, for a coordinator who has a browser and no git.

The form is HTML made here, at build time; `assets/spread-adopt.js` keeps its draft in the browser, judges each
answer in `spread site new`'s words (`adopt_words`) and writes the file. Nothing is sent anywhere: the person
downloads the file and sends it to the network's central team, who run the command.
"""

from __future__ import annotations

import json

from spread.adopt.answers import site_enum
from spread.handbook.adopt_fields import component, control, field, principle, select
from spread.handbook.adopt_words import answers_file, command, form_words
from spread.handbook.blocks import heading, section
from spread.handbook.escaping import html, text
from spread.handbook.markup import inline
from spread.handbook.words import STAGES
from spread.model.adopters import capital
from spread.model.playbook import Playbook


def _about(pb: Playbook) -> str:
    who = pb.adopter
    one = inline(who.one)
    serves = "Town, city or area it serves" if who.area is None and who.kind == "site" else inline(capital(who.area_words))
    parts = [
        field("adopt-site", f"An id for your {one}", control("adopt-site", "site", extra=' autocomplete="off" '
              'spellcheck="false" autocapitalize="none"'), f"Lower-case letters, digits and hyphens, like leeds-north. It "
              f"names your {one}'s folder in the handbook and the file you download.", required=True),
        field("adopt-name", f"{inline(capital(who.one))} name, as local people know it",
              control("adopt-name", "name", extra=' data-what="name"'), required=True),
        field("adopt-host", f"{inline(capital(who.host_words))} (who runs the {one})",
              control("adopt-host", "host", extra=' data-what="host: name"'), required=True),
        field("adopt-host-type", "Kind of host organisation",
              select("adopt-host-type", "host_type", [(k, k.replace("-", " ")) for k in site_enum("host", "type")],
                     "Not said")),
        field("adopt-area", f"{serves}", control("adopt-area", "area"), "Optional."),
    ]
    if who.kind == "pair":
        parts += [field("adopt-mentor", "Mentor, by role and background only, no name", control(
                      "adopt-mentor", "mentor", extra=' data-what="pair: mentor"'), "For example: HR professional, "
                      "volunteer. Site files are published.", required=True),
                  field("adopt-mentee", "Mentee, by situation only, no name", control(
                      "adopt-mentee", "mentee", extra=' data-what="pair: mentee"'), "For example: jobseeker referred "
                      "by Jobcentre Plus.", required=True)]
    parts += [
        field("adopt-contact", "Contact", control("adopt-contact", "contact"), "Optional: a role or a shared inbox "
              "people can contact. It is published, so no personal details."),
        field("adopt-started", "Start date", control("adopt-started", "started", "date"),
              f"Optional: leave it empty for the day your {one} is set up."),
        field("adopt-stage", "Stage", select("adopt-stage", "stage", [(s, STAGES.get(s, s)) for s in site_enum("stage")],
                                             None, "installation"), "Most new sites start at installation: getting ready."),
    ]
    return f"<fieldset><legend>Your {one}</legend>{''.join(parts)}</fieldset>"


def adopt_form(pb: Playbook, taken: tuple[str, ...] = ()) -> str:
    """The form, one raw HTML block (no blank line, so Markdown passes it through whole)."""
    words = html(json.dumps(form_words(pb, taken), sort_keys=True))
    principles = [c for c in pb.core if c.principle]
    body = [_about(pb), *(component(local) for local in pb.local)]
    if principles:
        body.append("<fieldset><legend>The principles you make your own</legend>"
                    + "".join(principle(c) for c in principles) + "</fieldset>")
    file = html(answers_file(pb, "SITE"))
    return (f'<div class="spread-adopt"><p class="spread-adopt-nojs">This form needs JavaScript, which is turned off '
            f"in this browser: write the answers in a text file instead, as the README of the handbook's repository "
            f"shows, and send it to the network's central team.</p>"
            f'<form class="spread-adopt-form" id="adopt-form" data-spread-adopt="{words}" novalidate hidden>'
            + "".join(body)
            + f'<div class="spread-adopt-actions"><button type="submit" class="md-button md-button--primary">Download '
            f'the answers file</button> <button type="button" class="md-button" data-spread-adopt-clear>Start again'
            f'</button></div><p class="spread-adopt-status" role="status" aria-live="polite"></p></form>'
            f'<p>Your answers are kept in this browser as you type, so you can close the page and come back. They '
            f"are not sent anywhere: the button saves them as a file, <code data-spread-adopt-file>{file}</code>.</p>"
            "</div>")


def adopt_section(pb: Playbook, taken: tuple[str, ...] = ()) -> str:
    """The whole section: what adopting means, the form, and what happens to the file; `taken`: the ids of the
    sites the page shows, which a new site cannot have."""
    who = pb.adopter
    intro = text(f"To run {pb.title} as a new {who.one}, answer the questions `spread site new` asks: your "
                 f"{who.one}'s name and host, and your choice for each local component, within what the playbook "
                 "allows. Choosing among its options is a local choice; your own words where it lists options, or "
                 "anything you call a change, is an adaptation, recorded with FRAME's details.")
    after = text(f"Send the downloaded file to the network's central team, by email for instance. They set up your "
                 f"{who.one} with one command, which checks every answer by the same rules as this form and writes "
                 f"your {who.one}'s record (site.yaml) and its checklist (README.md):")
    return section(heading(2, "Adopt this programme", "adopt"), intro,
                   heading(3, "Your answers", "adopt-answers", indexed=False), adopt_form(pb, taken),
                   heading(3, "What happens next", "adopt-next"), after,
                   f'<p class="spread-command"><code data-spread-adopt-command="{html(pb.id)}">{html(command(pb, "SITE"))}</code></p>',
                   text("If an answer needs changing, they will ask you. Once your site is in the handbook, its page "
                        "has its checklist, and you rate it each period with the self-audit."))
