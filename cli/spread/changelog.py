"""A Keep a Changelog entry for a release, written from the changes the diff found. Pure text in, text out."""

from __future__ import annotations

import re

from spread.changes import Bump, Change
from spread.model import Playbook

SUMMARIES: dict[Bump, str] = {
    "major": "A major release: core components, choices or scoring changed, so every site should review what "
             "changed before it moves up with `spread site upgrade`.",
    "minor": "A minor release: sites have more room to adapt, and nothing they do now becomes wrong.",
    "patch": "A patch release: clearer wording; nothing changes for sites.",
}
HEADER = """# Changelog: {title}

All notable changes to this playbook are recorded here. The format follows Keep a Changelog, and
versions follow semantic versioning: a change to a core component needs a new major version, a new or
wider local component a minor one, and a wording fix a patch.
"""


def summary_for(bump: Bump | None) -> str:
    """The summary line written when the author gives none: what the release means for sites."""
    return SUMMARIES[bump] if bump else "First release."


def section_of(change: Change) -> str:
    if change.rule.endswith("-added"):
        return "Added"
    if change.rule.endswith("-removed"):
        return "Removed"
    return "Changed"


def entry(version: str, day: str, summary: str, changes: list[Change], first: Playbook | None = None) -> str:
    """`## [version] - day`, the summary, then the changes under Added / Changed / Removed.

    For a first release there is nothing to compare with: `first` is described instead.
    """
    lines = [f"## [{version}] - {day}", "", summary, ""]
    if first is not None:
        lines += ["### Added", "", "- " + _contents(first), ""]
    for section in ("Added", "Changed", "Removed"):
        chosen = [c for c in changes if section_of(c) == section]
        if chosen:
            lines += [f"### {section}", "", *(f"- {c.message}" for c in chosen), ""]
    return "\n".join(lines)


def _contents(pb: Playbook) -> str:
    ids = ", ".join(f"`{c.id}`" for c in pb.core)
    local = ", ".join(f"`{c.id}`" for c in pb.local) or "none"
    return (f"{len(pb.core)} core component{'s' * (len(pb.core) != 1)} ({ids}), local components: {local}, and a "
            f"fidelity instrument of {len(pb.instrument.items)} item{'s' * (len(pb.instrument.items) != 1)}.")


def prepend(existing: str | None, new_entry: str, title: str) -> str:
    """The changelog with `new_entry` above the newest entry (below the introduction); a new file if none."""
    if existing is None:
        return HEADER.format(title=title) + "\n" + new_entry
    match = re.search(r"^## ", existing, flags=re.MULTILINE)
    if match is None:
        return existing.rstrip("\n") + "\n\n" + new_entry
    return existing[: match.start()] + new_entry + "\n" + existing[match.start():]
