"""A playbook's version history: every released version, with its files, and the changelog's own words."""

from __future__ import annotations

import re

from spread.handbook import paths
from spread.handbook.blocks import section, table
from spread.handbook.escaping import prose, text
from spread.handbook.words import day
from spread.model.playbook import Playbook

# Keep a Changelog's release headings, `## [2.0.0] - 2026-02-02`: what comes before the first is the changelog's
# own title and a note on its format, which the handbook leaves out.
_RELEASE = re.compile(r"^##[ \t]+\[?([^\]\s]+)\]?[ \t]*[-–—][ \t]*(\d{4}-\d{2}-\d{2})[ \t]*$", re.MULTILINE)


def releases(changelog: str) -> list[tuple[str, str]]:
    """Each release in the changelog, as written: its heading as a reader would say it, and its notes."""
    found = list(_RELEASE.finditer(changelog))
    return [(f"Version {m.group(1)}, {day(m.group(2))}",
             changelog[m.end():found[i + 1].start() if i + 1 < len(found) else len(changelog)])
            for i, m in enumerate(found)]


def changes(changelog: str) -> str:
    """The releases as headings in the table of contents, each over its notes as sanitised Markdown."""
    return section(*(section(f"#### {text(title)}", prose(notes, top=5) if notes.strip() else "")
                     for title, notes in releases(changelog)))


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
    notes = changes(changelog) if changelog else ""
    return section("## Version history { #version-history }", intro, table(["Version", "Files"], rows) if rows else "",
                   section("### What changed", notes) if notes else "")
