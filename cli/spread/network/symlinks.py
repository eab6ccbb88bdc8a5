"""Symbolic links in a handbook repository: which ones Spread follows, and reading a file without being led out.

A link is followed only when it leads to a file or folder inside the repository and outside its hidden files
and folders. Such a link shows content the repository already holds, so following it leaks nothing, and a
repository that shares a page or a folder through a link keeps working. Hidden places are refused although
they are inside: `.git/config` can hold a CI token, `.spread-cache` and `.spread-build` are Spread's own, and
none of them is ever published. Anything else — a link out of the repository, to nothing, or round in a loop —
is refused: `spread check` reports it once (`spread.check.rules.symlinks`) and no command reads it, so nothing of the
machine Spread runs on reaches a page, a download or the search index.

Which links are followed is decided when the repository is scanned (`spread.network.fileids.scan`, `tree`); a file is
then opened with `open_inside`, which catches a last part swapped for a link after the scan.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from spread.errors import Problem

Reason = Literal["outside", "hidden", "missing", "loop", "changed"]
RULES = ("symlink-outside", "symlink-broken")
_READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True, order=True)
class Refused:
    """A link Spread does not follow: the link (relative to the repository), why, where it leads, and whether
    it leads to a folder."""

    rel: str
    reason: Reason
    target: str = ""
    folder: bool = False

    def problem(self) -> Problem:
        """What `spread check` says about it, at the link itself."""
        what = "folder" if self.folder else "file"
        fix = f"replace the link with the {what} itself"
        target = "".join(c if c.isprintable() else "?" for c in self.target)
        message, rule = {
            "outside": (f"this is a link to a {what} outside the repository ({target}); Spread does not read it: "
                        f"{fix}", RULES[0]),
            "hidden": (f"this is a link to a {what} among the repository's hidden files ({target}), which Spread "
                       f"never reads or publishes: {fix}", RULES[0]),
            "changed": ("this link changed while Spread was reading it, so Spread did not read it: check where it "
                        "leads and run the command again", RULES[0]),
            "missing": (f"this is a link to something that does not exist ({target}): {fix}, or delete it",
                        RULES[1]),
            "loop": (f"this link leads round in a loop (to itself, or to a folder it is in): {fix}, or delete it",
                     RULES[1]),
        }[self.reason]
        return Problem(self.rel, 1, 1, "error", message, rule)


class LinkRefused(OSError):
    """Raised instead of reading through a link Spread does not follow; an `OSError`, so that every reader
    that copes with an unreadable file copes with it too, and none reads on."""

    def __init__(self, refused: Refused) -> None:
        super().__init__(errno.ELOOP, refused.problem().message)
        self.refused = refused


def judge(root: str | Path, rel: str, folder: bool = False) -> Refused | None:
    """None when the path `rel` may be read (it leads to something inside the repository, not hidden);
    otherwise why not. `folder`: what to call it when it leads nowhere."""
    base = os.path.realpath(root)
    path = os.path.join(base, rel)
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            try:
                shown = os.readlink(path)
            except OSError:
                shown = rel
            return Refused(rel, "missing", shown, folder)
        return Refused(rel, "loop", "", folder)
    folder = os.path.isdir(target)
    if os.path.commonpath([base, target]) != base:
        return Refused(rel, "outside", target, folder)
    inner = os.path.relpath(target, base)
    if any(part.startswith(".") for part in Path(inner).parts):
        return Refused(rel, "hidden", Path(inner).as_posix(), folder)
    return None


def open_inside(root: str | Path, rel: str) -> int:
    """A file descriptor for reading `rel`, or `LinkRefused` if it is (or became) a link Spread does not follow.

    The folders on the way were judged when the repository was scanned; the last part is opened without
    following a link. A link there is judged before anything it leads to is opened (opening a device or a pipe
    outside could hang or do harm), then its target is opened, and checked to be still where the link leads."""
    path = os.path.join(root, rel)
    if _NOFOLLOW:
        try:
            return os.open(path, _READ | _NOFOLLOW)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
    elif not os.path.islink(path):
        return os.open(path, _READ)
    verdict = judge(root, rel)
    if verdict is not None:
        raise LinkRefused(verdict)
    target = os.path.realpath(path)
    fd = os.open(target, _READ | _NOFOLLOW)
    try:
        opened = os.fstat(fd)
        now = os.stat(target)
        if os.path.realpath(path) != target or (opened.st_dev, opened.st_ino) != (now.st_dev, now.st_ino):
            raise LinkRefused(Refused(rel, "changed"))
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_inside(root: str | Path, rel: str) -> bytes:
    """The bytes of the file `rel`, read through `open_inside` (a folder raises `IsADirectoryError`)."""
    with os.fdopen(open_inside(root, rel), "rb") as handle:
        if stat.S_ISDIR(os.fstat(handle.fileno()).st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", os.path.join(root, rel))
        return handle.read()


def tree(root: str | Path, top: str) -> tuple[list[str], list[Refused]]:
    """Every file below the folder `top` (hidden names left out), as paths relative to the repository, following
    the links Spread follows; and the links it refuses there (the folder itself, if it is one)."""
    files: list[str] = []
    refused: list[Refused] = []
    path = os.path.join(root, top)
    if os.path.islink(path):
        verdict = judge(root, top, folder=True)
        if verdict is not None:
            return files, [verdict]
    if os.path.isdir(path):
        _descend(root, top, {os.path.realpath(path)}, files, refused)
    return files, refused


def _descend(root: str | Path, rel: str, above: set[str], files: list[str], refused: list[Refused]) -> None:
    try:
        with os.scandir(os.path.join(root, rel)) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        here = f"{rel}/{entry.name}"
        try:
            if entry.is_symlink():
                verdict = judge(root, here)
                if verdict is not None:
                    refused.append(verdict)
                    continue
            if entry.is_dir():
                real = os.path.realpath(entry.path)
                if real in above:  # a link inside the repository back to a folder above: it would never end
                    refused.append(Refused(here, "loop", folder=True))
                else:
                    _descend(root, here, above | {real}, files, refused)
            elif entry.is_file():
                files.append(here)
        except OSError:
            continue
