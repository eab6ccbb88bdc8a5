"""Changes to a playbook's programme reviews (`reviews`). Sites never rate these instruments, so no change to one
can make a site's practice, choices or scores wrong: a review added, removed or scored differently is **minor**
(the programme's next review means something new), its wording a **patch**. What changed inside an instrument is
found by the fidelity instrument's own diff, and said of the review."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spread.model.review import ReviewKind
from spread.versions.changes import Change, and_list, changed_fields, paired
from spread.versions.instrument import diff_instrument


def _named(kind: ReviewKind) -> str:
    return f"`{kind.id}` ({kind.title})"


def _of_review(message: str) -> str:
    """A fidelity instrument's change said inside a review: `Fidelity item `R1` …` → `item `R1` …`."""
    return message.removeprefix("Fidelity instrument: ").replace("Fidelity item", "item")


def diff_reviews(old: tuple[ReviewKind, ...], new: tuple[ReviewKind, ...]) -> Iterator[Change]:
    for was, kind in paired(old, new):
        if kind is None:
            assert was is not None
            yield Change("review-removed", "minor", was.id, f"Programme review {_named(was)} was removed: its past "
                         "reviews stay scored by the versions they name.")
            continue
        if was is None:
            yield Change("review-added", "minor", kind.id, f"New programme review {_named(kind)}.")
            continue
        wording = changed_fields(was, kind, {"title": "title", "description": "description"})
        if wording:
            yield Change("review-wording", "patch", kind.id, f"Programme review {_named(kind)}: new wording for the "
                         f"{and_list(wording)}.")
        for change in diff_instrument(was.instrument, kind.instrument):
            yield replace(change, rule=f"review-{change.rule}", bump="patch" if change.bump == "patch" else "minor",
                          subject=kind.id, message=f"Programme review {_named(kind)}: {_of_review(change.message)}")
