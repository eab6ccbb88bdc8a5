"""A playbook's version history: every released version, with its files, and the changelog's own words."""

from __future__ import annotations

import re

from spread.handbook import paths
from spread.handbook.blocks import section, table
from spread.handbook.escaping import long_text, text
from spread.handbook.words import day
from spread.model import Playbook

# A changelog opens with its own title and a note on its format; the handbook shows only the releases.
_FIRST_RELEASE = re.compile(r"^##\s", re.MULTILINE)
# Keep a Changelog's release headings, `## [2.0.0] - 2026-02-02`, as a reader would say them.
_RELEASE = re.compile(r"^##\s+\[?([^\]\s]+)\]?\s*[-–—]\s*(\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)


def releases_only(changelog: str) -> str:
    match = _FIRST_RELEASE.search(changelog)
    releases = changelog[match.start():] if match else ""
    return _RELEASE.sub(lambda m: f"## Version {m.group(1)}, {day(m.group(2))}", releases)


def history(pb: Playbook, versions: list[str], changelog: str | None, page: str) -> str:
    """`versions`: the versions that have a file to download, oldest first."""
    rows = []
    for version in reversed(versions):
        shown = f"**{text(version)}** (this page)" if version == pb.version else text(version)
        files = (f"[Playbook file]({paths.href(page, paths.download(pb.id, version))}) · "
                 f"[Blank audit file]({paths.href(page, paths.audit_template(pb.id, version))}) · "
                 f"[Printable checklist]({paths.href(page, paths.checklist(pb.id, version))})")
        rows.append([shown, files])
    released = [v for v in versions if v != pb.version] or versions
    intro = (f"This page describes version {text(pb.version)}. Versions follow semantic versioning: a change to a "
             "core component needs a new major version (2.0.0 after 1.x), a new or wider local choice a minor one, "
             "and a wording fix a patch.")
    if pb.version not in versions and versions:
        intro += f" It is not released yet: the latest release is {text(released[-1])}."
    notes = releases_only(changelog) if changelog else ""
    return section("## Version history { #version-history }", intro, table(["Version", "Files"], rows) if rows else "",
                   section("### What changed", long_text(notes, top=4)) if notes.strip() else "")
