"""Telling whether a file Spread wrote for people to read (a site's README checklist) has been edited since.

Spread ends such a file with a comment holding a checksum of everything above it. A later command may replace the
file only while the checksum still matches: a checklist someone ticked, or notes someone added, are theirs, and are
never overwritten (as a package manager keeps an edited configuration file and puts its new one beside it). A file
without the comment (written by hand, or by a Spread before this one) counts as edited.
"""

from __future__ import annotations

import hashlib
import re

SEAL = re.compile(r"\n<!-- Written by Spread: .*? checksum ([0-9a-f]{16}) -->\n\Z")


def _checksum(text: str) -> str:
    # Line endings are not edits: a checkout on Windows may turn every \n into \r\n.
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:16]


def sealed(text: str) -> str:
    """`text` (ending in a newline) with the comment that lets a later command see it is unedited."""
    return (f"{text}\n<!-- Written by Spread: it rewrites this file for a new version of the playbook only while "
            f"nobody has edited it. checksum {_checksum(text)} -->\n")


def unedited(text: str) -> bool:
    """Whether `text` is exactly as `sealed` wrote it."""
    normal = text.replace("\r\n", "\n")
    found = SEAL.search(normal)
    return found is not None and found.group(1) == _checksum(normal[:found.start()])
