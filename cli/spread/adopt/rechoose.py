"""What a site chooses when it moves to a newer playbook version (`spread site upgrade`), and its README checklist
written afresh for that version.

The choices are made as `spread site new` makes them (`spread.adopt.prompts`): asked, or taken from `--set` and
`--reason` and the playbook's defaults; own words where the playbook lists options are an adaptation with FRAME's
details (asked, or `unknown`); and each record gets the comment `site new` writes above it.
"""

from __future__ import annotations

import click

from spread.adopt.answers import Given
from spread.adopt.lock import Adopted
from spread.adopt.prompts import ask_choice, given_choice
from spread.adopt.readme import site_readme
from spread.adopt.records import Choice, allowed
from spread.adopt.scaffold import SiteAnswers
from spread.errors import SpreadError
from spread.model.site import Adaptation
from spread.versions.changes import and_list
from spread.versions.upgrade import UpgradePlan, where
from spread.versions.upgrade_file import Answer
from spread.yaml.render import comment


def only_asked(plan: UpgradePlan, given: Given) -> None:
    """`--set` and `--reason` may only answer what the upgrade asks: any other choice still fits (exit 2 if named)."""
    asked = [step.component for step in plan.questions]
    for component in [*given.choices, *given.reasons]:
        if component not in asked:
            fix = f"it asks about {and_list([f'`{c}`' for c in asked])}" if asked else "it asks about nothing"
            raise click.BadParameter(f"this upgrade does not ask about `{component}`, whose record still fits ({fix}): "
                                     "change it in site.yaml instead", param_hint="'--set' / '--reason'")


def upgrade_answers(plan: UpgradePlan, given: Given, *, questions: bool) -> dict[str, Answer]:
    """Each component the upgrade asks about, answered: asked one by one, or (without `questions`) given ahead or
    the playbook's default for a new component; what cannot be answered so stops the upgrade, naming the flag."""
    answers, missing = {}, []
    steps = plan.questions
    for n, step in enumerate(steps, 1):
        local = step.ask
        assert local is not None
        if questions:
            chosen: Choice | str = ask_choice(local, given, n, len(steps))
        else:
            default = local.default if step.category == "new-local" else None
            chosen = given_choice(local, given, default)
            if isinstance(chosen, Choice) and local.id not in given.choices:
                chosen = Choice(local.id, chosen.choice, f"The playbook's default, taken when moving to "
                                f"{plan.new.version}.")
        if isinstance(chosen, str):
            if chosen.startswith("a choice"):
                why = step.note.rstrip(".") if step.category == "choose-again" else \
                    f"is new in {plan.new.version} and has no default"
                missing.append(f"`{local.id}`{':' if step.category == 'choose-again' else ''} {why} (give it with "
                               f"--set {local.id}=CHOICE)")
            else:
                flag = f"--reason \"{local.id}=…\"" if chosen.startswith("a reason") else "its questions (no --no-input)"
                missing.append(f"{chosen} (give it with {flag})")
            continue
        note = comment(f"{local.title}: {allowed(local)}")
        answers[local.id] = Answer(chosen.choice, chosen.reason, chosen.frame, tuple(note))
    if missing:
        raise SpreadError(f"--no-input cannot choose for you: {'; '.join(missing)}. Nothing was written.")
    return answers


def upgraded_readme(adopted: Adopted, plan: UpgradePlan, answers: dict[str, Answer], ref: str, folder: str,
                    today: str) -> str:
    """The site's README.md for the version it moves to: its choices there (kept, moved or chosen again)."""
    site, new = plan.site, plan.new
    retired = set(plan.retire)
    choices = []
    for local in new.local:
        answer = answers.get(local.id)
        if answer is not None:
            choices.append(Choice(local.id, answer.choice, answer.reason, answer.frame))
            continue
        kept = [r for r in site.chosen(local.id) if r.choice and where(r) not in retired]
        if kept:
            last = kept[-1]
            adapted = isinstance(last, Adaptation) and last.index not in plan.moves
            choices.append(Choice(local.id, last.choice or "", last.reason, {} if adapted else None))
    now = SiteAnswers(site.name, site.host, site.started, tuple(choices), site.host_type, site.area, site.stage,
                      site.contact, site.pair, tuple((e.principle, e.how) for e in site.principles))
    return site_readme(adopted, now, ref, folder, today,
                       made=f"Moved from version {plan.old.version} with `spread site upgrade`")
