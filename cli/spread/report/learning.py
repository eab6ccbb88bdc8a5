"""The learning loop: what sites actually chose for each component, and why, most common first.

It tells an innovator what the adaptable periphery really is, and shows any change a site recorded to a core
component, which the network's central team will want to hear about."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from spread.model.playbook import Playbook
from spread.model.site import Site

SAMPLE_REASONS = 2


@dataclass(frozen=True)
class Choice:
    """One choice (an option, or what a site wrote) and the sites that made it, with a few of their reasons."""

    choice: str
    sites: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ComponentAdaptations:
    component: str
    title: str
    core: bool
    choices: tuple[Choice, ...]

    @property
    def sites(self) -> int:
        return len({site for choice in self.choices for site in choice.sites})


def one_line(text: str) -> str:
    """A reason written over several YAML lines, as one line for a table or a spreadsheet cell."""
    return " ".join(text.split())


# One adaptation as a report needs it: (component, the choice on one line, the reason on one line or None).
Made = tuple[str, str, str | None]


def choices_of(site: Site) -> list[Made]:
    """What one site chose, as plain data (what a site's report summary keeps for the roll-up): its local choices,
    then its adaptations (a departure from the options is what the site chose too)."""
    made: list[Made] = [(c.component, one_line(c.choice), one_line(c.reason) if c.reason else None)
                        for c in site.choices]
    return made + [(record.component, one_line(record.choice or record.description or "(choice not stated)"),
                    one_line(record.reason) if record.reason else None) for record in site.adaptations]


def adaptations(playbook: Playbook, sites: list[Site]) -> tuple[ComponentAdaptations, ...]:
    """Every local component of the playbook (even one nobody has adapted yet), then any core component a
    site has changed; within each, the most common choice first."""
    return rollup(playbook, [(site.id, choices_of(site)) for site in sites])


def rollup(playbook: Playbook, sites: list[tuple[str, list[Made]]]) -> tuple[ComponentAdaptations, ...]:
    """`adaptations` from each site's id and choices: the one implementation the handbook and the cached
    `spread report` share."""
    found: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
    for site_id, made in sites:
        for component_id, choice, reason in made:
            found.setdefault(component_id, {}).setdefault(choice, []).append((site_id, reason))
    order = [c.id for c in playbook.local] + sorted(set(found) - {c.id for c in playbook.local})
    result = []
    for component_id in order:
        component = playbook.component(component_id)
        choices = [Choice(choice, tuple(dict.fromkeys([site for site, _ in made])),
                          tuple(islice((reason for _, reason in made if reason is not None), SAMPLE_REASONS)))
                   for choice, made in found.get(component_id, {}).items()]
        choices.sort(key=lambda c: (-len(c.sites), c.choice))
        is_core = component is not None and component in playbook.core
        result.append(ComponentAdaptations(component_id, component.title if component else component_id,
                                           is_core, tuple(choices)))
    return tuple(result)
