"""Rules for what a site chose: local choices stay within each component's options and limits, and configuration is
not recorded as adaptation (nor a departure as a mere choice).

Choosing among the options a playbook offers is configuring the model as designed (`choices:`); departing from them
(own words where the playbook lists options, a change to a core component) is an adaptation, recorded with FRAME
(`adaptations:`). The judgement of what a component allows is `model.choices`, shared with `spread site new` and
`spread site upgrade`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Literal

from spread.check.rules.common import at
from spread.errors import Problem, words
from spread.model import patterns
from spread.model.choices import breach, departs
from spread.model.playbook import CoreComponent, LocalComponent, Playbook
from spread.model.site import Adaptation, Site

Kind = Literal["choice", "adaptation"]


def check_choices(pb: Playbook, site: Site, shown: str) -> Iterator[Problem]:
    """Each record under `choices:`: a local component of this version, and a choice within its options."""
    local_ids = [c.id for c in pb.local]
    for record in site.choices:
        where = ("choices", record.index)
        component = pb.component(record.component)
        if isinstance(component, CoreComponent):
            yield at(shown, site.doc, (*where, "component"), "error", f"`{component.id}` is a core component: every "
                     "site keeps it as the playbook says, so it is not chosen; record a change to it under "
                     "`adaptations`, with its reason and FRAME details", "choice-core")
            continue
        if component is None:
            close = difflib.get_close_matches(record.component, local_ids, n=1)
            if close:
                fix = f"did you mean `{close[0]}`?"
            else:
                fix = f"its local components are {words(local_ids, joiner='and')}" if local_ids else \
                    "it has none, so there is nothing to choose"
            yield at(shown, site.doc, (*where, "component"), "error", f"version {pb.version} of `{pb.id}` has no local "
                     f"component `{record.component}`: {fix}", "choice-component-unknown")
            continue
        found = list(check_local(component, site, where, record.choice, shown, "choice"))
        yield from found
        if not found and departs(component, record.choice):
            yield at(shown, site.doc, (*where, "choice"), "warning", f"`{record.choice}` is not one of the options for "
                     f"`{component.id}`: your own words depart from what the playbook offers, so record this under "
                     "`adaptations`, with its reason and FRAME details (`unknown` where you do not know)",
                     "choice-departs")


def check_adapted_choice(local: LocalComponent, site: Site, a: Adaptation, shown: str) -> Iterator[Problem]:
    """An adaptation of a local component: what it chose is allowed; a plain choice among the options, with nothing
    said about how it departs from the playbook, is configuration and belongs under `choices:`."""
    where = ("adaptations", a.index)
    if a.choice is None:
        yield at(shown, site.doc, where, "error", f"the adaptation of `{local.id}` does not say what was chosen: add "
                 f"`choice:` ({words(list(local.option_ids)) if local.options else 'in your own words'})",
                 "adaptation-no-choice")
        return
    found = list(check_local(local, site, where, a.choice, shown, "adaptation"))
    yield from found
    if not found and a.description is None and not departs(local, a.choice):
        what = f"one of the options for `{local.id}`" if local.options else f"a choice in words for `{local.id}`"
        yield at(shown, site.doc, (*where, "choice"), "warning", f"`{a.choice}` is {what}: choosing as the playbook "
                 "offers is configuration, not an adaptation: move it to `choices` (`spread site upgrade` does it), or "
                 "say how the site departs from the playbook in `description`", "adaptation-is-choice")


def check_local(local: LocalComponent, site: Site, where: tuple[str, int], choice: str, shown: str,
                kind: Kind) -> Iterator[Problem]:
    """What a component allows, the same for a local choice and an adaptation (rule ids start with `kind`)."""
    found = breach(local, choice)
    if found is not None:
        why = f"`{choice}` is a prohibited variation of `{local.id}`" if found.found is None else \
            f"`{choice}` contains \u201c{found.found}\u201d, which `{local.id}` does not allow " \
            f"({found.rule.text.rstrip('.')})"
        yield at(shown, site.doc, (*where, "choice"), "error", f"{why}: choose another way to do it",
                 f"{kind}-prohibited")
        return
    if local.options and choice not in local.option_ids and not local.free_text:
        close = difflib.get_close_matches(choice, list(local.option_ids), n=1)
        fix = f"did you mean `{close[0]}`?" if close else f"choose {words(list(local.option_ids))}"
        yield at(shown, site.doc, (*where, "choice"), "error", f"`{choice}` is not one of the options for "
                 f"`{local.id}`: {fix}", f"{kind}-option")
    if local.free_text and local.max_length is not None and len(choice) > local.max_length:
        yield at(shown, site.doc, (*where, "choice"), "error", f"the choice for `{local.id}` is {len(choice)} "
                 f"characters; the playbook allows at most {local.max_length}: shorten it", f"{kind}-too-long")


def check_prohibited(pb: Playbook, shown: str) -> Iterator[Problem]:
    """A playbook's prohibited variations can be used: each pattern is safe to search with, and none refuses one of
    the component's own options (no site could choose it)."""
    for i, local in enumerate(pb.local):
        for j, rule in enumerate(local.prohibited):
            why = patterns.problem(rule.pattern) if rule.pattern else None
            if why:
                yield at(shown, pb.doc, ("local", i, "prohibited", j, "pattern"), "error", f"the prohibited pattern of "
                         f"`{local.id}` cannot be used: {why}", "prohibited-pattern")
                continue
            refused = [o.id for o in local.options if any(b is not None and b.rule is rule
                                                          for b in (breach(local, o.id), breach(local, o.label)))]
            if refused:
                yield at(shown, pb.doc, ("local", i, "prohibited", j), "error", f"the prohibited variation "
                         f"\u201c{rule.text.rstrip('.')}\u201d of `{local.id}` refuses its own option "
                         f"{words(refused, joiner='and')}: remove the option, or narrow its words or pattern",
                         "prohibited-option")
