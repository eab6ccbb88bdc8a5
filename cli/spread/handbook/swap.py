"""Putting a new website in the old one's place by renames, so that a failure or a kill at any moment leaves the
old website or the new one: never a mix, never nothing.

For a target T, Spread builds in the hidden sibling `.T.spread-new` (the same folder, so the same file system,
where a rename is one atomic step) and keeps the old website as `.T.spread-old` while it swaps:
  1. `.T.spread-new` is made holding only the unfinished marker, and the engine builds into it;
  2. once the build succeeded, the marker is rewritten (atomically) as finished, listing every file;
  3. T is renamed to `.T.spread-old`;  4. `.T.spread-new` is renamed to T;
  5. `.T.spread-old` is deleted: its marker is first made unfinished, and is the last file to go.
Two renames are not one step: between 3 and 4 there is no T. `recover`, at the start of every publish, closes
that gap: with T missing it puts back the finished new build (the latest good one), or else the finished old one,
then deletes every leftover sibling that carries the marker. A kill while deleting leaves the unfinished marker,
so a half-deleted website is never put back; a sibling without the marker is not Spread's, and is left alone.
Renaming the old website aside instead of deleting it first means a whole website exists at every moment.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from spread.errors import SpreadError
from spread.handbook import marker


def siblings(target: Path) -> tuple[Path, Path]:
    """Where the new website is built, and where the old one waits while they swap."""
    return target.with_name(f".{target.name}.spread-new"), target.with_name(f".{target.name}.spread-old")


def _rename(source: Path, target: Path) -> None:
    try:
        os.rename(source, target)
    except OSError as exc:
        raise SpreadError(f"cannot rename {source} to {target} ({exc.strerror}): make sure you may write in "
                          f"{target.parent}, then publish again") from None


def recover(target: Path) -> None:
    """Finish or undo what a killed publish left: put a whole website back at `target`, delete the leftovers."""
    new, old = siblings(target)
    if not target.exists() and not target.is_symlink():
        finished = [folder for folder in (new, old) if marker.listed(folder) is not None]
        if finished:
            _rename(finished[0], target)
    remove(new)
    remove(old)


def remove(folder: Path) -> None:
    """Delete a folder Spread made beside the website; refuse one that holds anything else."""
    if not folder.exists() and not folder.is_symlink():
        return
    if folder.is_symlink() or not folder.is_dir() or not marker.owned(folder):
        try:
            folder.rmdir()  # an empty folder holds nothing to lose
            return
        except OSError:
            raise SpreadError(f"{folder} is in the way of publishing and was not made by Spread: move or rename "
                              "it, then publish again") from None
    listed = marker.listed(folder)
    foreign = sorted(marker.entries(folder) - listed) if listed is not None else []
    if foreign:
        raise SpreadError(f"{folder / foreign[0]} was not written by Spread: move it somewhere safe, then delete "
                          f"{folder} and publish again")
    try:
        marker.write(folder, None)
        for child in folder.iterdir():
            if child.name == marker.NAME:
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        (folder / marker.NAME).unlink()
        folder.rmdir()
    except OSError as exc:
        raise SpreadError(f"cannot delete {exc.filename or folder} ({exc.strerror}), which Spread built: delete "
                          f"{folder} yourself, then publish again") from None


def begin(target: Path) -> Path:
    """The empty folder to build the new website in, already marked as Spread's (unfinished)."""
    new, _ = siblings(target)
    try:
        new.mkdir(parents=True)
        marker.write(new, None)
    except OSError as exc:
        raise SpreadError(f"cannot create {new} ({exc.strerror}): Spread builds the website beside {target.name} "
                          f"and then swaps it in, so choose a folder whose parent you may write in") from None
    return new


def finish(new: Path, target: Path, adopted: set[str] | None) -> None:
    """Swap the built website in. `adopted` lists what an unmarked target held when it was accepted."""
    marker.write(new, marker.entries(new))
    _, old = siblings(target)
    if target.is_dir():
        if not marker.owned(target):
            if adopted is None or marker.entries(target) - adopted:
                raise SpreadError(f"files were added to {target} while publishing: move them out of it, then "
                                  "publish again")
            marker.write(target, adopted)
        # The web server or the user may have set who can read the folder: the new one keeps it.
        os.chmod(new, stat.S_IMODE(target.stat().st_mode))
        _rename(target, old)
        try:
            _rename(new, target)
        except SpreadError:
            _rename(old, target)
            raise
    else:
        _rename(new, target)
    remove(old)
