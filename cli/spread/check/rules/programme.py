"""Rules for programme reviews (`spread.model.review`), by the rules that already judge a site's fidelity.

The instrument each review declares is checked by the fidelity instrument's own rules, on the playbook as the
review sees it (`Playbook.reviewed_on`), its document `Moved` so that every problem points into the review's
`instrument`. Each review file is checked by the self-audit's rules, their words and rule ids said of a review.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath

from spread.check.rules.audit import check_goals_and_actions, check_ratings
from spread.check.rules.common import at, duplicate_ids
from spread.check.rules.dates import check_dates
from spread.check.rules.instrument import check_instrument
from spread.check.rules.scoring import check_scoring
from spread.check.rules.site import unknown_version
from spread.errors import Problem, words
from spread.model.playbook import Playbook
from spread.model.review import ReviewKind
from spread.network.repo import Network
from spread.network.reviews import Reviews, load_reviews, playbooks_network
from spread.yaml.document import Document, Key


class Moved(Document):
    """A playbook's document as one review's rules see it: what they say of `fidelity` is said of the review's
    `instrument` (`to`)."""

    __slots__ = ("_inner", "_to")

    def __init__(self, inner: Document, to: Key, data: object) -> None:
        super().__init__(None, {**inner.data, "fidelity": data}, {}, {})
        self._inner, self._to = inner, to

    @property
    def path(self) -> Path:
        return self._inner.path

    def at(self, where: Key, *, key: bool = False) -> tuple[int, int]:
        if where[:1] == ("fidelity",):
            where = (*self._to, *where[1:])
        return self._inner.at(where, key=key)


def check_review_kinds(pb: Playbook, shown: str) -> Iterator[Problem]:
    """The programme reviews a playbook declares: ids used once, and instruments that fit together."""
    core = [c.id for c in pb.core]
    yield from duplicate_ids(shown, pb.doc, ((("reviews", k.index), k.id) for k in pb.reviews), "review",
                             "review-id-duplicate")
    for kind in pb.reviews:
        where = ("reviews", kind.index)
        if not kind.instrument.items and not kind.instrument.goals:
            yield at(shown, pb.doc, (*where, "instrument"), "error", f"review `{kind.id}` has nothing to rate: add "
                     "`items` on a `scale`, each with its anchors", "review-no-items", key=True)
            continue
        for i, item in enumerate(kind.instrument.items):
            if item.component and item.component not in core:
                yield at(shown, pb.doc, (*where, "instrument", "items", i, "component"), "error", f"item {item.id} "
                         f"names `{item.component}`, which is not a core component of this playbook: use "
                         f"{words(core)}, or leave `component` out", "review-item-component-unknown")
        yield from _instrument(pb, kind, shown)


def _instrument(pb: Playbook, kind: ReviewKind, shown: str) -> Iterator[Problem]:
    items = tuple(dataclasses.replace(item, component="") for item in kind.instrument.items)
    moved = Moved(pb.doc, ("reviews", kind.index, "instrument"), pb.doc.data["reviews"][kind.index]["instrument"])
    view = dataclasses.replace(pb.reviewed_on(dataclasses.replace(
        kind, instrument=dataclasses.replace(kind.instrument, items=items))), doc=moved)
    if view.instrument.kind == "anchored":
        yield from check_instrument(view, shown)
    yield from check_scoring(view, shown)


def reworded(problem: Problem) -> Problem:
    """A self-audit's problem said of a programme review."""
    message = problem.message
    for audit, review in (("this audit", "this review"), ("the audit", "the review"), ("an audit", "a review"),
                          ("The audit", "The review"), ("audit", "review")):
        message = message.replace(audit, review)
    return dataclasses.replace(problem, message=message, rule=problem.rule.replace("audit-", "review-", 1))


def check_programme_reviews(root: Path, today: date | None = None, reviews: Reviews | None = None,
                            network: Network | None = None) -> list[Problem]:
    """Every problem of the repository's review files, read afresh (they are few) unless they and the playbooks are
    given: placed where they belong, of a version and a review its playbook declares, rated as its instrument asks,
    on dates that have passed."""
    reviews = reviews or load_reviews(root)
    if not reviews.found:
        return list(reviews.problems)
    network = network or playbooks_network(root)
    problems = list(reviews.problems)
    for review in reviews.found:
        shown, doc = reviews.path(review), review.audit.doc
        parts = PurePosixPath(shown).parts
        if review.playbook != parts[1]:
            problems.append(at(shown, doc, ("playbook", "id"), "error", f"this review names playbook "
                               f"`{review.playbook}` but is filed under playbooks/{parts[1]}/: use `{parts[1]}`",
                               "review-playbook-folder"))
        if PurePosixPath(shown).stem != review.period:
            problems.append(at(shown, doc, ("period",), "error", f"the period {review.period} does not match the file "
                               f"name {parts[-1]}: name the file {review.period}.yaml", "review-period-filename"))
        playbook = network.playbook_version(review.playbook, review.version)
        if playbook is None:
            if not network.is_broken(f"playbooks/{review.playbook}"):
                problems.append(unknown_version(network, shown, doc, review.playbook, review.version, "review"))
            continue
        kind = playbook.review(review.kind)
        if kind is None:
            declared = [k.id for k in playbook.reviews]
            fix = f"file it under one it declares ({words(declared)})" if declared else "declare it under `reviews`"
            problems.append(at(shown, doc, ("playbook", "version"), "error", f"version {review.version} of "
                               f"`{review.playbook}` declares no review `{review.kind}` (the name of this file's "
                               f"folder): {fix}", "review-kind-unknown"))
            continue
        view = playbook.reviewed_on(kind)
        problems.extend(reworded(p) for p in (*check_ratings(view, review.audit, shown),
                                              *check_goals_and_actions(view, review.audit, shown),
                                              *check_dates(review.audit, shown, today or date.today())))
    return problems

