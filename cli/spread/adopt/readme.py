"""The README.md written beside a new site.yaml: what the site adopted, its choices, and what to do next.

Written for the people running the site, who may never open the YAML. Text the site typed is escaped
so it cannot turn into Markdown; the playbook's own text is the innovator's and may use Markdown.
"""

from __future__ import annotations

import re

from spread.adopt.lock import Adopted
from spread.adopt.scaffold import SiteAnswers
from spread.adopt.seal import sealed
from spread.adopt.steps import site_steps
from spread.model.playbook import LocalComponent, Playbook

FREQUENCY_WORDS = {"monthly": "month", "quarterly": "quarter", "half-yearly": "half-year", "yearly": "year"}


def md(text: str) -> str:
    """Text shown as itself in Markdown: no emphasis, links, HTML or table cells can come out of it."""
    return re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", " ".join(text.split()))


def site_readme(adopted: Adopted, answers: SiteAnswers, audit_ref: str, folder: str, today: str,
                made: str = "Set up with `spread site new`") -> str:
    """The README for a new site (or, with `made` saying so, one brought to a newer version); `audit_ref` names the
    site to `spread audit new`, `folder` to `spread check`."""
    pb = adopted.playbook
    where = f" in {md(answers.area)}" if answers.area else ""
    commit = f", commit `{adopted.commit[:12]}`" if adopted.commit else ""
    lines = [f"# {md(answers.name)}", "",
             (f"{md(answers.name)} runs **{pb.title}** (playbook `{pb.id}`, version {pb.version}{commit}), hosted by "
             f"{md(answers.host)}{where}. {made} on {today}; the record is "
             "[site.yaml](site.yaml)."), "", "## What every site keeps", "",
             "These core components are the heart of the model: keep each one as the playbook describes it.", ""]
    steps = site_steps(pb, answers.stage)
    for core in steps.keep:
        critical = " (critical)" if core.critical else ""
        lines.append(f"- **{core.title}**{critical}: {core.function}")
    lines += ["", "## Our local choices", ""]
    locals_ = {local.id: local for local in pb.local}
    for choice in answers.choices:
        local = locals_[choice.component]
        departs = " (an adaptation: it departs from what the playbook offers)" if choice.frame is not None else ""
        reason = f" {md(choice.reason)}" if choice.reason else ""
        lines.append(f"- **{local.title}**: {_label(local, choice.choice)}{departs}.{reason}")
    if not answers.choices:
        lines.append("This playbook has no local components: every site runs it the same way.")
    lines += ["", "When you change one of these, update `choices` in `site.yaml`. If you have to depart from the",
              "playbook, add a record under `adaptations`, with the reason and FRAME's details (`unknown` where you",
              "do not know), and run `spread check`.", "", "## Next steps", ""]
    for stage in steps.stages:
        # Stages before the one the site says it is in are done: tick them, so the next step stands out.
        here = " (where the site is now)" if stage.current else ""
        lines += [f"### {stage.stage.replace('-', ' ').capitalize()}{here}", ""]
        lines += [f"- [{'x' if stage.done else ' '}] {step}" for step in stage.steps] + [""]
    if not pb.rollout:
        lines += ["The playbook lists no rollout steps: ask the network's central team what comes first.", ""]
    return sealed("\n".join(lines + _self_audit(pb, audit_ref, folder)) + "\n")


def _label(local: LocalComponent, choice: str) -> str:
    for option in local.options:
        if option.id == choice:
            return md(option.label) if option.label == option.id else f"{md(option.label)} (`{option.id}`)"
    return f"\u201c{md(choice)}\u201d"


def _self_audit(pb: Playbook, audit_ref: str, folder: str) -> list[str]:
    every = FREQUENCY_WORDS[pb.instrument.frequency]
    count = len(pb.instrument.items)
    return [
        "## Self-audit", "",
        (f"{'In each review' if pb.instrument.regimes else f'Every {every}'}, the site rates itself against the "
         f"playbook's {count} fidelity item{'s' * (count != 1)}{' (or those of the review)' * bool(pb.instrument.regimes)}"
         ", honestly and with evidence:"), "",
        (f"1. When the {every} is over, run `spread audit new {audit_ref}`. It writes "
        f"`audits/<period>.yaml` with every item ready to rate (add `--interactive` to answer in the terminal)."),
        "2. For each item, write the rating that matches what you can show happened, and what it is based on.",
        (f"3. Fill in {'the goal counts, ' if pb.instrument.goals else ''}who rated, the date you finished and your "
        "action plan."),
        (f"4. Run `spread check {folder}` until it "
        "reports no problems, then share the file with the network."),
        *_regimes(pb, audit_ref),
    ]


def _regimes(pb: Playbook, audit_ref: str) -> list[str]:
    """The review regimes, each with its rhythm and the command that prepares its audit (`spread.model.regimes`)."""
    if not pb.instrument.regimes:
        return []
    lines = ["", "The playbook reviews sites in more than one way, each at its own rhythm; an audit that rates all of "
             "a review's items also counts for it:", ""]
    for r in pb.instrument.regimes:
        every = FREQUENCY_WORDS[r.frequency] if r.every == 1 else f"{r.every} {FREQUENCY_WORDS[r.frequency]}s"
        count = len(r.items) if r.items is not None else len(pb.instrument.items)
        lines.append(f"- **{md(r.title)}**, every {every}, {count} item{'s' * (count != 1)}: "
                     f"`spread audit new {audit_ref} --regime {r.id}`")
    return lines
