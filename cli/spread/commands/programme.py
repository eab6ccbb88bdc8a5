"""Finding the programme review a person names on the command line: `PLAYBOOK/REVIEW` (its latest period, or the
playbook and review a new one is for) or a review file, said the same way by `review new` and `review score`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from spread.errors import NotFound, SpreadError, display_path, no_such_playbook, words
from spread.model.ids import SLUG
from spread.model.playbook import Playbook
from spread.model.review import FOLDER, Review, ReviewKind
from spread.network.repo import Network
from spread.network.reviews import Reviews

HINT = "'PLAYBOOK/REVIEW'"


@dataclass(frozen=True)
class Named:
    """The playbook (its working version) and the kind of review a person named."""

    playbook: Playbook
    kind: ReviewKind


def review_kind(network: Network, ref: str, hint: str = HINT) -> Named:
    """`code-club/readiness` → the playbook and its review, or a one-line error naming what there is."""
    parts = ref.strip("/").split("/")
    if len(parts) != 2 or not all(SLUG.fullmatch(p) for p in parts):
        raise click.BadParameter(f"`{ref}` is not a review: name it as PLAYBOOK/REVIEW, like "
                                 "`code-club/readiness`, or give a review file", param_hint=hint)
    playbook = network.playbooks.get(parts[0])
    if playbook is None:
        raise no_such_playbook(parts[0], list(network.playbooks))
    kind = playbook.review(parts[1])
    if kind is None:
        declared = [k.id for k in playbook.reviews]
        there = f"its reviews are {words(declared, joiner='and')}" if declared else "it declares no review yet"
        raise NotFound(f"playbook `{playbook.id}` declares no review `{parts[1]}`: {there} (add one under `reviews` "
                       f"in playbooks/{playbook.id}/playbook.yaml)")
    return Named(playbook, kind)


def find_review(network: Network, reviews: Reviews, ref: str) -> Review:
    """A review file, or the latest review of `PLAYBOOK/REVIEW`."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml"):
        rel = path.resolve().relative_to(network.root.resolve()).as_posix() if path.is_absolute() or path.exists() \
            else ref
        for review in reviews.found:
            if reviews.path(review) == rel:
                return review
        if rel in reviews.unreadable:
            raise SpreadError(f"{rel} could not be read as a programme review: run `spread check {rel}`")
        raise NotFound(f"no programme review was found at {ref}: reviews are filed as playbooks/<playbook>/"
                       f"{FOLDER}/<review>/<period>.yaml")
    named = review_kind(network, ref, "'REVIEW'")
    found = reviews.of(named.playbook.id, named.kind.id)
    if not found:
        folder = f"playbooks/{named.playbook.id}/{FOLDER}/{named.kind.id}/"
        if any(rel.startswith(folder) for rel in reviews.unreadable):
            raise SpreadError(f"no review in {folder} could be read: run `spread check {folder}`")
        raise SpreadError(f"`{ref}` has no review yet: prepare one with `spread review new {ref}`")
    return found[-1]


def shown(network: Network, path: Path) -> str:
    return display_path(path, network.root)
