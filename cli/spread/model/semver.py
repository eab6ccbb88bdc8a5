"""Semantic versions, as playbooks use them."""

from __future__ import annotations

import re

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$")


def sort_key(version: str) -> tuple[int, int, int, int, str] | None:
    """A key that orders versions as semver does (a pre-release comes before its release); None if invalid."""
    match = SEMVER.match(version)
    if match is None:
        return None
    major, minor, patch, pre = match.groups()
    return (int(major), int(minor), int(patch), 0 if pre else 1, pre or "")


def major(version: str) -> int:
    key = sort_key(version)
    return key[0] if key else 0


def is_newer(a: str, b: str) -> bool:
    """True when version `a` comes after version `b`."""
    ka, kb = sort_key(a), sort_key(b)
    return ka is not None and kb is not None and ka > kb
