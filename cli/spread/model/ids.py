"""The ids Spread accepts for playbooks and sites, which name folders and git tags: checked before anything is
written, with the same rule as the schemas (`schemas/*.schema.json`, which `spread check` applies to files).

An id is plain ASCII (Python's `re` would take other scripts' letters and digits without re.ASCII), short
enough for any file system, and never a name Windows keeps for a device: a folder called `nul` or `com1`
cannot be opened there, so a repository holding one could not be checked out.
"""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
# The longest id that still makes a readable folder name and tag (`<id>/v1.2.3`).
MAX_ID = 60
RESERVED = re.compile(r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?", re.ASCII | re.IGNORECASE | re.DOTALL)
SHAPE = "use lower-case letters, digits and single hyphens"


def id_problem(value: str, example: str) -> str | None:
    """What to do about an id that cannot name a folder (`use …, like <example>`), or None if it can."""
    if len(value) > MAX_ID:
        return f"{SHAPE}, at most {MAX_ID} characters (this one has {len(value)}), like `{example}`"
    if not SLUG.fullmatch(value):
        return f"{SHAPE}, like `{example}`"
    if RESERVED.fullmatch(value):
        return (f"Windows keeps `{value}` for a device (as it keeps con, prn, aux, nul, com1-com9 and lpt1-lpt9), "
                f"so no folder can have that name: choose another, like `{example}`")
    return None


def shown(value: str, limit: int = 80) -> str:
    """A value quoted in a message, cut short: a 300-character id need not be repeated in full."""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def not_an_id(value: str, example: str) -> str | None:
    """Why `spread site new` (and the handbook's adopt form, in the same words) refuses an id, or None."""
    fix = id_problem(value, example)
    return f"\"{shown(value)}\" is not an id: {fix} (it also names the site's folder)" if fix else None
