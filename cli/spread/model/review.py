"""Programme reviews as typed data: a review of the programme itself (is it ready to replicate? the yearly model
review), rated on an instrument the playbook declares under `reviews`, in the same format as `fidelity`.

A review file is read into the same `Audit` a site's self-audit is, so one scorer, one set of rating rules and one
report serve both; `Playbook.reviewed_on` shows a playbook to them with the review's instrument in place of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spread.model.audit import Audit
from spread.model.instrument import Instrument

FOLDER = "reviews"  # playbooks/<playbook>/reviews/<review id>/<period>.yaml


@dataclass(frozen=True)
class ReviewKind:
    """One kind of programme review a playbook declares: its id (also its folder), title and instrument.
    `index` is its place in the playbook's `reviews`, so that a rule can point at it."""

    id: str
    title: str
    instrument: Instrument
    description: str | None = None
    index: int = 0


@dataclass(frozen=True)
class Review:
    """One programme review: which kind (from its folder) and the ratings, as an `Audit` whose `site` is the kind."""

    kind: str
    audit: Audit

    @property
    def playbook(self) -> str:
        return self.audit.playbook

    @property
    def version(self) -> str:
        return self.audit.version

    @property
    def period(self) -> str:
        return self.audit.period


def review_path(playbook_id: str, kind_id: str, period: str) -> str:
    """Where a review is filed, from the repository's root."""
    return f"playbooks/{playbook_id}/{FOLDER}/{kind_id}/{period}.yaml"
