"""What changed between two versions of a playbook, and the version bump each change needs.

The rule follows semantic versioning as a network lives it: a change that can make a site's practice,
choices or scores wrong under the new text is **major** (sites must review before they upgrade); one that
only gives sites more room is **minor**; wording is a **patch**. Pure functions on two `Playbook`s.
"""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.playbook import CoreComponent, LocalComponent, Playbook
from spread.model.semver import SEMVER, is_newer
from spread.versions.adopter import diff_adopter
from spread.versions.changes import BUMPS, Bump, Change, and_list, changed_fields, paired, rank
from spread.versions.instrument import diff_instrument
from spread.versions.local import diff_local
from spread.versions.measures import diff_measures
from spread.versions.regulator import diff_regulator
from spread.versions.reviews import diff_reviews

__all__ = ["BUMPS", "Bump", "Change", "bump_between", "diff_playbooks", "needed_bump", "next_version", "rank"]
PRACTICE_LEVELS = ("ideal", "expected", "developmental", "unacceptable")


def needed_bump(changes: list[Change]) -> Bump | None:
    """The smallest bump that covers every change; None when nothing changed."""
    return max((c.bump for c in changes), key=rank, default=None)


def _parts(version: str) -> tuple[int, int, int, bool]:
    match = SEMVER.match(version)
    if match is None:
        raise ValueError(f"not a version: {version!r}")
    return int(match.group(1)), int(match.group(2)), int(match.group(3)), match.group(4) is not None


def next_version(version: str, bump: Bump) -> str:
    """The version after `version` for a bump. A pre-release moves to its own release when that is enough."""
    major, minor, patch, pre = _parts(version)
    if bump == "major":
        return f"{major}.0.0" if pre and minor == patch == 0 else f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor}.0" if pre and patch == 0 else f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch}" if pre else f"{major}.{minor}.{patch + 1}"


def bump_between(old: str, new: str) -> Bump | None:
    """The kind of release that goes from `old` to `new`; None when `new` does not come after `old`."""
    if not is_newer(new, old):
        return None
    o, n = _parts(old), _parts(new)
    for i, bump in enumerate(("major", "minor", "patch")):
        if n[i] != o[i]:
            return bump  # type: ignore[return-value]
    # Same numbers: a pre-release becoming its release (or a later pre-release) is the release it leads to.
    return "major" if n[1] == n[2] == 0 else "minor" if n[2] == 0 else "patch"


def diff_playbooks(old: Playbook, new: Playbook) -> list[Change]:
    """Every change from `old` to `new`, in the order of the playbook: core, local, instrument, measures and the
    participant survey, the rest, programme reviews."""
    local = [change for pair in paired(old.local, new.local) for change in _local(*pair)]
    return [*_core(old, new), *local, *diff_instrument(old.instrument, new.instrument),
            *diff_measures(old, new), *_playbook(old, new), *diff_reviews(old.reviews, new.reviews)]


def named(component: CoreComponent | LocalComponent) -> str:
    return f"`{component.id}` ({component.title})"


def _core(old: Playbook, new: Playbook) -> Iterator[Change]:
    for o, c in paired(old.core, new.core):
        if o is None:
            assert c is not None
            yield Change("core-added", "major", c.id, f"New core component {named(c)}.")
            continue
        if c is None:
            yield Change("core-removed", "major", o.id, f"Core component {named(o)} was removed.")
            continue
        if o.function != c.function:
            yield Change("core-function-changed", "major", c.id, f"Core component {named(c)}: its function changed.")
        levels = [level for level in PRACTICE_LEVELS if getattr(o.practice, level) != getattr(c.practice, level)]
        if levels:
            yield Change("core-practice-changed", "major", c.id, f"Core component {named(c)}: the practice profile "
                         f"changed ({and_list(levels)} practice).")
        if o.kind != c.kind:
            now = "a principle each site makes its own" if c.principle else "a practice in a prescribed form"
            yield Change("core-kind-changed", "major", c.id, f"Core component {named(c)} is now {now}.")
        if o.critical != c.critical:
            now = "is now critical" if c.critical else "is no longer critical"
            yield Change("core-critical-changed", "major", c.id, f"Core component {named(c)} {now}.")
        wording = changed_fields(o, c, {"title": "title", "form": "form", "why": "why it matters",
                                        "evidence": "how a site shows it"})
        if wording:
            yield Change("core-wording", "patch", c.id, f"Core component {named(c)}: new wording for the "
                         f"{and_list(wording)}.")


def _local(o: LocalComponent | None, c: LocalComponent | None) -> Iterator[Change]:
    if o is None:
        assert c is not None
        yield Change("local-added", "minor", c.id, f"New local component {named(c)}.")
    elif c is None:
        yield Change("local-removed", "major", o.id, f"Local component {named(o)} was removed: sites keep their "
                     "choices for it as retired records when they upgrade.")
    else:
        yield from diff_local(o, c, named(c))


PLAYBOOK_WORDING = {
    "title": "title", "summary": "summary", "description": "description", "illustrative": "illustrative note",
    "population": "population", "inclusion": "inclusion criteria", "exclusion": "exclusion criteria",
    "problem": "problem", "mechanisms": "mechanisms", "outcomes": "outcomes", "evidence_level": "evidence level",
    "evidence_summary": "evidence summary", "sources": "evidence sources", "replication": "replication model",
    "replication_notes": "replication notes", "roles": "roles", "rollout": "rollout steps",
}


def _playbook(old: Playbook, new: Playbook) -> Iterator[Change]:
    if old.status != new.status:
        yield Change("playbook-status-changed", "minor", "playbook", f"The playbook's status is now `{new.status}` "
                     f"(was `{old.status}`).")
    yield from diff_adopter(old.adopter, new.adopter)
    yield from diff_regulator(old.regulator, new.regulator)
    wording = changed_fields(old, new, PLAYBOOK_WORDING)
    if wording:
        yield Change("playbook-wording", "patch", "playbook", f"New wording for the playbook's {and_list(wording)}.")
