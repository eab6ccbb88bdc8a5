"""Planning a site's move to a newer playbook version, component by component, the way `copier update` does:
keep what the site chose where it still fits, ask where it no longer does, and never drop a record."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from spread.model.choices import allows, how_to_choose
from spread.model.deviations import is_deviation
from spread.model.playbook import CoreComponent, LocalComponent, Playbook, Practice
from spread.model.site import Adaptation, LocalChoice, Site
from spread.versions.changes import Change, and_list
from spread.versions.configure import configured, moved_lines
from spread.versions.diff import diff_playbooks

Category = Literal["unchanged", "updated", "new-local", "removed-local", "choose-again", "review-core"]
HEADINGS: dict[Category, str] = {
    "review-core": "Core components to review (they are recorded in the upgrade for the site team to discuss)",
    "choose-again": "Choices no longer allowed (you must choose again; the old record is kept under `retired:`)",
    "new-local": "New local components (you choose; --no-input takes the playbook's default)",
    "removed-local": "Local components removed (your records are kept under `retired:`, never deleted)",
    "updated": "Updated cleanly (your choices still fit)",
    "unchanged": "Unchanged",
}


# A record in site.yaml: its list (`choices`, `adaptations` or `principles`) and its index there.
Record = tuple[str, int]


def where(record: LocalChoice | Adaptation) -> Record:
    return ("choices" if isinstance(record, LocalChoice) else "adaptations", record.index)


@dataclass(frozen=True)
class Step:
    component: str
    title: str
    category: Category
    note: str
    retire: tuple[Record, ...] = ()  # the site's records (choices, adaptations, principles) that move to `retired:`
    ask: LocalComponent | None = None  # the site must choose for this local component
    old: Practice | None = None
    new: Practice | None = None


@dataclass(frozen=True)
class UpgradePlan:
    site: Site
    old: Playbook
    new: Playbook
    steps: tuple[Step, ...]
    # What changes in how the site's audits are scored (items, levels, bands, the cap, missing data, goals).
    scoring: tuple[str, ...] = ()
    # Adaptations that are local choices on the new version, moved to `choices:` (`versions.configure`).
    moves: tuple[int, ...] = ()

    @property
    def review(self) -> list[str]:
        return [s.component for s in self.steps if s.category == "review-core"]

    @property
    def retire(self) -> list[Record]:
        return sorted(r for s in self.steps for r in s.retire)

    @property
    def questions(self) -> list[Step]:
        return [s for s in self.steps if s.ask is not None]


def plan_upgrade(site: Site, old: Playbook, new: Playbook) -> UpgradePlan:
    changes = diff_playbooks(old, new)
    steps: list[Step] = []
    current: list[CoreComponent | LocalComponent] = [*new.core, *new.local]
    former: list[CoreComponent | LocalComponent] = [*old.core, *old.local]
    for component in current:
        before = old.component(component.id)
        mine = site.chosen(component.id)
        about = [c for c in changes if c.subject == component.id]
        if isinstance(component, CoreComponent):
            step = _core(component, before if isinstance(before, CoreComponent) else None, about)
            own = site.adaptations_of(component.id)
            steps.append(replace(step, note=step.note + deviation_note(old, own)) if step.category == "review-core"
                         else step)
        else:  # a core component that became local is new as a local one: the site chooses afresh
            fresh = not isinstance(before, LocalComponent)
            steps.append(_local(site, new, component, fresh, [] if fresh else mine, about))
    for component in former:
        # A component that changed between core and local leaves its old records as a removed one would.
        if not isinstance(new.component(component.id), type(component)):
            retire = tuple(where(r) for r in site.chosen(component.id))
            kept = f"; your record{'s' * (len(retire) > 1)} of it stay{'s' * (len(retire) == 1)} under `retired:`" \
                if retire else ""
            if isinstance(component, CoreComponent):
                steps.append(Step(component.id, component.title, "review-core", f"no longer a core component{kept}.",
                                  retire, old=component.practice))
            else:
                gone = "removed from the playbook" if new.component(component.id) is None else \
                    "now a core component, which every site keeps as the playbook says (not chosen)"
                steps.append(Step(component.id, component.title, "removed-local", f"{gone}{kept}.", retire))
    steps = [_retire_principle(site, new, step) for step in steps]
    scoring = tuple(c.message for c in changes if c.rule.startswith(("instrument-", "item-", "goal-")))
    retired = {i for s in steps for section, i in s.retire if section == "adaptations"}
    return UpgradePlan(site, old, new, tuple(steps), scoring, configured(site, new, retired))


def _retire_principle(site: Site, new: Playbook, step: Step) -> Step:
    """A site's words on how it made a principle its own move to `retired:` once the new version has no such principle
    (the component was removed or is now a practice), so the upgraded file still passes the check."""
    now = new.component(step.component)
    if isinstance(now, CoreComponent) and now.principle:
        return step
    gone = tuple(("principles", e.index) for e in site.principles if e.principle == step.component)
    if not gone:
        return step
    return replace(step, retire=step.retire + gone,
                   note=step.note + " Your description of how you made it your own is kept under `retired:`.")


def deviation_note(old: Playbook, mine: list[Adaptation]) -> str:
    """What a core component's change means for the site's own deviation from it, which stays recorded."""
    kept = [a for a in mine if is_deviation(old, a) and a.returned_on is None]
    if not kept:
        return ""
    a = kept[-1]
    held = f"approved until {a.review_by}" if a.approved_by and a.review_by else "not approved"
    return (f" Your site's own change to it ({held}) stays recorded: ask the network's central team whether it still "
            "applies to the new version.")


CORE_CHANGES = {"core-function-changed": "its function changed", "core-practice-changed": "its practice profile changed"}


def _core(c: CoreComponent, before: CoreComponent | None, about: list[Change]) -> Step:
    if before is None:
        return Step(c.id, c.title, "review-core", "new core component: every site must put it in place.", new=c.practice)
    if not about:
        return Step(c.id, c.title, "unchanged", "")
    if all(ch.bump == "patch" for ch in about):
        return Step(c.id, c.title, "updated", "new wording only.")
    what = [CORE_CHANGES[ch.rule] for ch in about if ch.rule in CORE_CHANGES]
    if any(ch.rule == "core-kind-changed" for ch in about):
        what.append("it is now a principle, which your site makes its own (describe how under `principles:`)"
                    if c.principle else "it is now a practice in a prescribed form")
    if any(ch.rule == "core-critical-changed" for ch in about):
        what.append("it is now critical" if c.critical else "it is no longer critical")
    what = what or ["it changed: see the playbook's changelog"]  # a kind of change this list does not word yet
    return Step(c.id, c.title, "review-core", and_list(what) + ".", old=before.practice, new=c.practice)


def _local(site: Site, new: Playbook, c: LocalComponent, is_new: bool, mine: list[LocalChoice | Adaptation],
           about: list[Change]) -> Step:
    refused = [a for a in mine if a.choice is not None and not allows(c, a.choice)]
    if refused:
        was = ", ".join(f"`{a.choice}`" for a in refused)
        return Step(c.id, c.title, "choose-again", f"{was} is no longer allowed: {how_to_choose(c)}.",
                    tuple(where(a) for a in refused), ask=c)
    if is_new and not mine:
        default = f"the default is `{c.default}`" if c.default else "there is no default"
        return Step(c.id, c.title, "new-local", f"new in {new.version}: {how_to_choose(c)} ({default}).", ask=c)
    if not about and not is_new:
        return Step(c.id, c.title, "unchanged", "")
    choice = f"your choice `{mine[-1].choice}` still fits" if mine and mine[-1].choice else "you have no record for it"
    what = f"new in {new.version}" if is_new else "new wording" if all(ch.bump == "patch" for ch in about) \
        else "its options or limits changed"
    return Step(c.id, c.title, "updated", f"{what}; {choice}.")


def preview(plan: UpgradePlan) -> str:
    """The plan as people read it: what happens to each component, grouped, most important first."""
    site, old, new = plan.site, plan.old, plan.new
    lines = [f"Upgrading {site.name} ({site.playbook}/{site.id}) from {old.version} to {new.version}:"]
    for category, heading in HEADINGS.items():
        steps = [s for s in plan.steps if s.category == category]
        if not steps:
            continue
        if category == "unchanged":
            lines += ["", f"{heading}: {', '.join(s.component for s in steps)}."]
            continue
        lines += ["", f"{heading}:"]
        for step in steps:
            lines.append(f"  - {step.component} ({step.title}): {step.note}")
            lines += _profiles(step)
    if plan.scoring:
        lines += ["", "How your audits are scored from this version on:"] + [f"  - {m}" for m in plan.scoring]
    return "\n".join(lines + moved_lines(site, plan.moves))


def _profiles(step: Step) -> list[str]:
    lines = []
    for level in ("ideal", "expected", "developmental", "unacceptable"):
        before = getattr(step.old, level) if step.old else None
        after = getattr(step.new, level) if step.new else None
        if before == after:
            continue
        if before is not None:
            lines.append(f"      {level.capitalize()}, before: {before}")
        if after is not None:
            lines.append(f"      {level.capitalize()}, now: {after}")
    return lines
