"""Deviations: changes to a core component that the network's central team must approve, and for how long.

A change to a core component that is fidelity-inconsistent, or whose relationship to fidelity is unknown, or that
removes elements, is a deviation (FRAME; see the shared DOMAIN.md). An approved deviation is time-limited: who
approved it (`approved_by`), when (`approved_on`), until when (`review_by`) and the plan back to the model (`plan`).
Once the site delivers the component as designed again (`returned_on`) the record stays, for the network to learn
from, but the deviation is over. `spread check`, the site page and the dashboard all read this one judgement.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from spread.model.periods import real_date
from spread.model.playbook import CoreComponent, Playbook
from spread.model.site import Adaptation

# What an approval records besides who approved, in the order a message names what is missing.
APPROVAL_FIELDS = ("approved_on", "review_by", "plan")
Status = Literal["returned", "unapproved", "incomplete", "expired", "approved"]


def is_deviation(pb: Playbook | None, a: Adaptation) -> bool:
    """Whether the adaptation changes a core component in a way the central team must approve."""
    component = pb.component(a.component) if pb else None
    if not isinstance(component, CoreComponent):
        return False
    return a.fidelity in ("inconsistent", "unknown") or "removing" in a.nature


def missing(a: Adaptation) -> list[str]:
    """The fields an approval still lacks, besides `approved_by`."""
    return [name for name in APPROVAL_FIELDS if getattr(a, name) is None]


def status(a: Adaptation, today: date) -> Status:
    """Where a deviation is in its life on `today`. A `review_by` that is not a real date counts as missing (the
    schema reports it)."""
    if real_date(a.returned_on) is not None:
        return "returned"
    if a.approved_by is None:
        return "unapproved"
    review_by = real_date(a.review_by)
    if missing(a) or review_by is None or real_date(a.approved_on) is None:
        return "incomplete"
    return "expired" if review_by < today else "approved"
