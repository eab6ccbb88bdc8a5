"""The `.spread-site` marker: the file by which Spread knows a website folder as its own.

It explains itself to whoever opens it, and lists every file the build wrote, so that the next publish tells
Spread's files from anything added since. A folder whose build did not finish, or which is being deleted, carries
the unfinished marker: still Spread's to delete, never put in the website's place.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from spread.errors import SpreadError
from spread.yaml.write import write_atomic

NAME = ".spread-site"
HEAD = ("# This folder is a handbook website built by Spread (`spread publish`).\n"
        "# Spread replaces the whole folder each time it publishes: keep nothing of your own in it.\n")
UNFINISHED = "# Unfinished: this copy is not a whole website, and the next `spread publish` deletes it.\n"
LISTED = "# The files of this website, each written by Spread:\n"


def _line(rel: str) -> str:
    return json.dumps(rel) if rel[:1] in ('"', "#") or not rel.isprintable() else rel


def _unline(line: str) -> str:
    try:
        return str(json.loads(line)) if line.startswith('"') else line
    except ValueError:
        return line


def entries(folder: Path) -> set[str]:
    """Every file and link below `folder` (as a/b.html), except the marker and a marker being written (the
    atomic writer's temporary file beside it)."""
    def fail(exc: OSError) -> None:
        raise SpreadError(f"cannot read {exc.filename} ({exc.strerror}): give yourself access to it, or choose "
                          "another folder") from None

    found: set[str] = set()
    for top, dirs, files in os.walk(folder, onerror=fail):
        base = Path(top).relative_to(folder)
        found.update((base / name).as_posix() for name in files)
        found.update((base / name).as_posix() for name in dirs if os.path.islink(os.path.join(top, name)))
    return {rel for rel in found if rel != NAME and not (rel.startswith(f".{NAME}.") and rel.endswith(".tmp"))}


def owned(folder: Path) -> bool:
    path = folder / NAME
    return path.is_file() and not path.is_symlink()


def listed(folder: Path) -> frozenset[str] | None:
    """The files a finished build wrote, or None when the folder has no marker or an unfinished one."""
    if not owned(folder):
        return None
    try:
        text = (folder / NAME).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if UNFINISHED in text or LISTED not in text:
        return None
    lines = text.split(LISTED, 1)[1].splitlines()
    return frozenset(_unline(line) for line in lines if line)


def write(folder: Path, files: set[str] | None) -> None:
    """Mark `folder` as Spread's: finished, listing `files` (atomically), or unfinished (None)."""
    if files is None:
        # Written in place, without the atomic writer's fsync (a third of a small build's swap): any part of
        # this text, down to an empty file, still means "Spread's, unfinished", so a torn write is harmless.
        (folder / NAME).write_text(HEAD + UNFINISHED, encoding="utf-8")
        return
    write_atomic(folder / NAME, HEAD + LISTED + "".join(f"{_line(rel)}\n" for rel in sorted(files)), force=True)
