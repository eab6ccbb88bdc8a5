"""A playbook's components: the core every site keeps, and the local choices a site may make.

Core and local are drawn differently on purpose — a solid box labelled "Core" against a dashed box labelled
"Local" — so the difference survives print, greyscale and screen readers, not only colour.
"""

from __future__ import annotations

import re

from spread.handbook.blocks import bullets, section, table
from spread.handbook.escaping import prose, text
from spread.handbook.words import sentence
from spread.model.playbook import CoreComponent, LocalComponent, Playbook, Prohibited


def anchor(kind: str, component_id: str) -> str:
    """The stable id of a component's heading, so other pages can link to it."""
    return f"{kind}-{re.sub(r'[^a-z0-9-]', '-', component_id.lower())}"


def _box(kind: str, component_id: str, title: str, label: str, body: str) -> str:
    return section(f'<div class="spread-component spread-{kind}" markdown>',
                   f"### {text(title)} {{ #{anchor(kind, component_id)} }}",
                   f'<p class="spread-label">{label}</p>', body, "</div>")


def practice_profile(component: CoreComponent) -> str:
    p = component.practice
    columns = ([("Ideal", p.ideal)] if p.ideal else []) + [
        ("Expected", p.expected), ("Developmental", p.developmental), ("Unacceptable", p.unacceptable)]
    return table([name for name, _ in columns], [[text(value or "") for _, value in columns]])


def core(component: CoreComponent, cap: str | None = None) -> str:
    label = ("Principle: every site makes this its own" if component.principle else
             "Core component: every site keeps this") + (" · Critical" if component.critical else "")
    capped = f", and the site's band can be no higher than {text(sentence(cap))}" if cap else ""
    critical = (f"**Critical.** Rated unacceptable, this component is a critical breach: it is flagged however "
                f"good the rest of the audit is{capped}.") if component.critical else ""
    body = section(
        f"**Function (never changes).** {text(component.function)}",
        f"**Form (the usual way of doing it).** {text(component.form)}" if component.form else "",
        f"**Why it matters.** {text(component.why)}" if component.why else "",
        section("**How a site shows it.**", bullets(text(e) for e in component.evidence)) if component.evidence else "",
        "Each site describes how it enacts this principle, in its own way: that is the model working as designed, "
        "not a departure from it." if component.principle else "",
        critical,
        "**Practice profile.** What the component looks like at each level, for rating it honestly:",
        practice_profile(component))
    return _box("core", component.id, component.title, label, body)


def option_label(component: LocalComponent | None, choice: str) -> str:
    """An option as readers see it: the label the playbook gives it, or, when it gives none, its id exactly as the
    playbook writes it (as code): words made up from an id read wrongly (`bilingual-welsh-english` is not
    "Bilingual welsh english"). A site's own words stay as they are."""
    option = next((o for o in component.options if o.id == choice), None) if component else None
    if option is None:  # an option a later version dropped reads like the others
        return f"`{choice}`" if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", choice) else choice
    return f"`{option.id}`" if option.label == option.id else option.label


def _options(component: LocalComponent) -> str:
    labels = [text(option_label(component, o.id)) + (" (default)" if o.id == component.default else "")
              for o in component.options]
    if any(o.description for o in component.options):
        parts = [table(["Option", "What it means"],
                       [[label, text(o.description or "")] for label, o in zip(labels, component.options)])]
    else:
        parts = [bullets(labels)] if labels else []
    if component.free_text:
        limit = f", in up to {component.max_length} characters" if component.max_length else ""
        parts.append(("Sites may also describe a choice of their own" if labels else
                      "Sites describe their own choice") + limit + ".")
    return section("**Allowed choices.**", *parts) if parts else ""


def _prohibited(p: Prohibited) -> str:
    """A prohibited variation as people read it, with the words that give a choice away (a pattern is for Spread)."""
    found = " or ".join(f"\u201c{word}\u201d" for word in p.words)
    return text(p.text) + (text(f" (a choice with {found} in it is refused)") if found else "")


def local(component: LocalComponent) -> str:
    body = section(
        prose(component.guidance, top=4) if component.guidance else "",
        _options(component),
        section("**Not allowed.**", bullets(_prohibited(p) for p in component.prohibited)) if component.prohibited
        else "")
    return _box("local", component.id, component.title, "Local component: sites may adapt this, within limits", body)


def components(playbook: Playbook) -> str:
    """The two component sections of a playbook page."""
    critical = [c for c in playbook.core if c.critical]
    core_intro = (f"Every site keeps these {len(playbook.core)} components. Their **function** never changes; "
                  "their **form** is the usual way to achieve it. Sites rate themselves against each component's "
                  "practice profile.")
    if critical:
        core_intro += f" {len(critical)} of them are critical: a site must never be rated unacceptable on them."
    cap = playbook.instrument.cap
    parts = ["## Core components", core_intro, *(core(c, cap) for c in playbook.core), "## Local components"]
    if playbook.local:
        parts.append("Each site decides these for itself, within the allowed choices, and records its choice "
                     "and the reason in its site record.")
        parts += [local(c) for c in playbook.local]
    else:
        parts.append("This playbook has no local components: every site runs it the same way.")
    return section(*parts)

