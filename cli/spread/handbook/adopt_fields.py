"""The adopt form's controls, as HTML: one labelled field, a local component's choice with its reason and FRAME's
details, and a principle described in the site's own words. User text enters only as `escaping.html` text or, for a
local component's guidance (a Markdown field), as sanitised `escaping.prose`.

Every control's id starts `adopt-` and names what it holds (`adopt-reason-venue`); a run of options is numbered
after `--`, which no id has, so no two controls share an id.
"""

from __future__ import annotations

from spread.adopt.answers import frame_enum, frame_is_list
from spread.adopt.frame import MEANING
from spread.adopt.records import FRAME
from spread.handbook.escaping import html, prose
from spread.handbook.markup import inline
from spread.model.playbook import CoreComponent, LocalComponent
from spread.model.schemas import schema

NOT_SAID = "Not known (recorded as unknown)"


def control(ident: str, name: str, kind: str = "text", extra: str = "") -> str:
    """An input described by its hint and its error message (both may be empty)."""
    about = f'aria-describedby="{ident}-hint {ident}-error"'
    if kind == "textarea":
        return f'<textarea id="{ident}" name="{html(name)}" rows="2" {about}{extra}></textarea>'
    return f'<input type="{kind}" id="{ident}" name="{html(name)}" {about}{extra}>'


def field(ident: str, label: str, ctl: str, hint: str = "", required: bool = False) -> str:
    """A labelled control (label and hint already HTML), with the place its error message appears."""
    need = ' <span class="spread-required">(required)</span>' if required else ""
    return (f'<div class="spread-field"><label for="{ident}">{label}{need}</label>'
            f'<p class="spread-hint" id="{ident}-hint">{hint}</p>{ctl}'
            f'<p class="spread-error" id="{ident}-error" hidden></p></div>')


def select(ident: str, name: str, codes: list[tuple[str, str]], first: str | None, chosen: str | None = None) -> str:
    """A drop-down of (code, words); `first`, when given, is an empty choice's words; `chosen` is picked at first."""
    options = ([f'<option value="">{html(first)}</option>'] if first is not None else []) + [
        f'<option value="{html(code)}"{" selected" if code == chosen else ""}>{html(words)}</option>'
        for code, words in codes]
    return f'<select id="{ident}" name="{html(name)}" aria-describedby="{ident}-hint {ident}-error">{"".join(options)}</select>'


def _words(code: str) -> str:
    return MEANING.get(code, code.replace("-", " "))


def _frame(local: LocalComponent) -> str:
    """FRAME's details of an adaptation, each optional: what is left empty is recorded as `unknown`, never guessed."""
    cid = html(local.id)
    props = schema("site")["properties"]["adaptations"]["items"]["properties"]
    parts = [field(f"adopt-frame-{cid}-description", "What does your site do differently from what the playbook "
                   "describes?", control(f"adopt-frame-{cid}-description", f"frame:{cid}:description", "textarea"),
                   "One sentence. Needed when you call one of the playbook's options a change.")]
    for key in FRAME[1:]:
        codes = [(code, _words(code)) for code in frame_enum(key) or [] if code != "unknown"]
        title = html(str(props[key].get("title", key)).replace(" (FRAME)", ""))
        ident = f"adopt-frame-{cid}-{key}"
        if frame_is_list(key):
            boxes = "".join(f'<div class="spread-option"><input type="checkbox" id="{ident}--{n}" name="frame:{cid}:{key}" '
                            f'value="{html(code)}"><label for="{ident}--{n}">{html(words)}</label></div>'
                            for n, (code, words) in enumerate(codes, 1))
            parts.append(f'<fieldset class="spread-choices"><legend>{title} (any that apply)</legend>{boxes}</fieldset>')
        else:
            parts.append(field(ident, title, select(ident, f"frame:{cid}:{key}", codes, NOT_SAID)))
    return (f'<div class="spread-frame" id="adopt-frame-{cid}" hidden><p>An adaptation is recorded with FRAME\'s '
            "details, so the network can learn from it. Answer what you know; what you leave empty is recorded as "
            f"unknown.</p>{''.join(parts)}</div>")


def component(local: LocalComponent) -> str:
    """One local component: its guidance, its options (the default chosen), own words where allowed, what is not
    allowed, the reason, and whether the site calls its choice a change (then FRAME's details)."""
    cid = html(local.id)
    rows = []
    for n, option in enumerate(local.options, 1):
        default = " (the playbook's default)" if option.id == local.default else ""
        more = f": {inline(option.description)}" if option.description else ""
        rows.append(f'<div class="spread-option"><input type="radio" id="adopt-choice-{cid}--{n}" name="choice:{cid}" '
                    f'value="{html(option.id)}"{" checked" if option.id == local.default else ""}>'
                    f'<label for="adopt-choice-{cid}--{n}"><strong>{inline(option.label)}</strong>{default}{more}</label></div>')
    limit = f" (at most {local.max_length} characters)" if local.max_length else ""
    cap = f' maxlength="{local.max_length}"' if local.max_length else ""
    if local.free_text and local.options:
        rows.append(f'<div class="spread-option"><input type="radio" id="adopt-choice-{cid}--own" name="choice:{cid}" '
                    f'value=""><label for="adopt-choice-{cid}--own">Your own words{limit}: an adaptation</label>'
                    f'<input type="text" id="adopt-own-{cid}" name="own:{cid}" aria-label="Your own words for '
                    f'{html(local.title)}" aria-describedby="adopt-choice-{cid}-error"{cap}></div>')
    elif local.free_text:
        rows.append(f'<div class="spread-field"><label for="adopt-own-{cid}">Your choice, in your own words{limit} '
                    f'<span class="spread-required">(required)</span></label><input type="text" id="adopt-own-{cid}" '
                    f'name="own:{cid}" aria-describedby="adopt-choice-{cid}-error"{cap}></div>')
    banned = "".join(f"<li>{inline(rule.text)}</li>" for rule in local.prohibited)
    return (f'<fieldset class="spread-component" id="adopt-component-{cid}" data-component="{cid}">'
            f"<legend>{inline(local.title)} (<code>{cid}</code>)</legend>"
            + (prose(local.guidance, 4) if local.guidance else "")
            + (f'<fieldset class="spread-choices"><legend>Your choice</legend>{"".join(rows)}</fieldset>'
               if local.options else "".join(rows))
            + f'<p class="spread-error" id="adopt-choice-{cid}-error" hidden></p>'
            + (f'<p class="spread-hint"><strong>Not allowed:</strong></p><ul class="spread-banned">{banned}</ul>'
               if banned else "")
            + field(f"adopt-reason-{cid}", "Why this choice?", control(f"adopt-reason-{cid}", f"reason:{cid}"),
                    "One sentence for the record. The playbook's default needs none.")
            + f'<div class="spread-option"><input type="checkbox" id="adopt-adapt-{cid}" name="adapt:{cid}" value="yes">'
            f'<label for="adopt-adapt-{cid}">We call this a change to the playbook (an adaptation)</label></div>'
            + _frame(local) + "</fieldset>")


def principle(core: CoreComponent) -> str:
    """A principle the site makes its own: described now, or later in its site.yaml."""
    ident = f"adopt-principle-{html(core.id)}"
    shows = f" A site shows it by: {'; '.join(inline(e) for e in core.evidence)}." if core.evidence else ""
    hint = inline(core.function) + shows
    return field(ident, f"How does your site make the principle “{inline(core.title)}” its own?",
                 control(ident, f"principle:{core.id}", "textarea"), f"{hint} Optional: you can describe it later.")
