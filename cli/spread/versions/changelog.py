"""A Keep a Changelog entry for a release, written from the changes the diff found. Pure text in, text out.

Text from people (the summary, titles in the changes) becomes one line of prose: it can never start a heading,
a list, a quote or a code block, so it cannot add a release heading that a later release or the handbook would
read as a version.
"""

from __future__ import annotations

import re
import unicodedata

from spread.model.playbook import Playbook
from spread.versions.changes import Bump, Change

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

# Line breaks of every kind (\u2028, NEL…), tabs and runs of spaces.
_SPACE = re.compile(r"\s+")
# What can open a Markdown block at the start of a line, with what shows the same character as plain text:
# a backslash where Python-Markdown (MkDocs) knows the escape, an HTML character reference elsewhere.
_LEADING = {c: "\\" + c for c in "#>-+*_`[!{\\"} | {"~": "&#126;", "<": "&lt;", "?": "&#63;", "|": "&#124;",
                                                     ":": "&#58;", "=": "&#61;"}
_NUMBERED = re.compile(r"\d+(?=[.)])")
# Bidirectional overrides and isolates show text in another order than it is stored (and than git shows it).
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def one_line(text: str) -> str:
    """`text` as one line of Markdown prose: every run of whitespace (line breaks included) one space, and a
    first character that could start a heading, list, quote, code block or HTML block shown as plain text."""
    line = _SPACE.sub(" ", text).strip()
    numbered = _NUMBERED.match(line)
    if numbered:  # `1. ` or `1) ` would start a numbered list
        return f"{line[:numbered.end()]}\\{line[numbered.end():]}"
    return _LEADING.get(line[:1], line[:1]) + line[1:]


def control_character(text: str) -> str | None:
    """The first character of `text` that no summary should hold, as `U+001B`; None when there is none.

    Line breaks and tabs are allowed (they become spaces); other control characters (an escape sequence
    retitles a terminal) and bidirectional overrides are not."""
    for char in text:
        if (unicodedata.category(char) == "Cc" and not char.isspace()) or ord(char) in _BIDI:
            return f"U+{ord(char):04X}"
    return None


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
    lines = [f"## [{version}] - {day}", "", one_line(summary), ""]
    if first is not None:
        lines += ["### Added", "", "- " + _contents(first), ""]
    for section in ("Added", "Changed", "Removed"):
        chosen = [c for c in changes if section_of(c) == section]
        if chosen:
            lines += [f"### {section}", "", *(f"- {one_line(c.message)}" for c in chosen), ""]
    return "\n".join(lines)


def _contents(pb: Playbook) -> str:
    ids = ", ".join(f"`{c.id}`" for c in pb.core)
    local = ", ".join(f"`{c.id}`" for c in pb.local) or "none"
    return (f"{len(pb.core)} core component{'s' * (len(pb.core) != 1)} ({ids}), local components: {local}, and a "
            f"fidelity instrument of {len(pb.instrument.items)} item{'s' * (len(pb.instrument.items) != 1)}.")


def prepend(existing: str | None, new_entry: str, title: str) -> str:
    """The changelog with `new_entry` above the newest entry (below the introduction); a new file if none."""
    if existing is None:
        return HEADER.format(title=one_line(title)) + "\n" + new_entry
    match = re.search(r"^## ", existing, flags=re.MULTILINE)
    if match is None:
        return existing.rstrip("\n") + "\n\n" + new_entry
    return existing[: match.start()] + new_entry + "\n" + existing[match.start():]
