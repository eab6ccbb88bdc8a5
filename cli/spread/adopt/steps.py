"""A site's own checklist: the core components it keeps, and the playbook's rollout steps by stage, those of the
stages before the one the site is in ticked as done.

One source for both places that show it: the README.md `spread site new` writes beside a new site.yaml
(`adopt/readme.py`), and the site's page in the handbook (`handbook/site.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spread.model.playbook import Playbook


@dataclass(frozen=True)
class Keep:
    """A core component every site keeps: its id, title, whether it is critical, and its function."""

    id: str
    title: str
    critical: bool
    function: str


@dataclass(frozen=True)
class Stage:
    """One rollout stage: its id, its steps, whether the site is past it (`done`) or in it (`current`)."""

    stage: str
    steps: tuple[str, ...]
    done: bool
    current: bool


@dataclass(frozen=True)
class SiteSteps:
    keep: tuple[Keep, ...]
    stages: tuple[Stage, ...]


def site_steps(playbook: Playbook, stage: str) -> SiteSteps:
    """The checklist for a site of `playbook` at `stage`. A stage the rollout does not plan for (paused, closed)
    ticks nothing: the site is placed at the first stage, not marked as in it."""
    keep = tuple(Keep(c.id, c.title, c.critical, " ".join(c.function.split())) for c in playbook.core)
    planned = [s.stage for s in playbook.rollout]
    now = planned.index(stage) if stage in planned else 0
    stages = tuple(Stage(s.stage, tuple(" ".join(step.split()) for step in s.steps), n < now,
                         n == now and stage in planned) for n, s in enumerate(playbook.rollout))
    return SiteSteps(keep, stages)
