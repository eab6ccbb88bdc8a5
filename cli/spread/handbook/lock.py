"""One `spread publish` of a repository at a time: two would build in the same folders, and one's recovery would
delete the other's website while it is being built (`swap`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from spread.errors import SpreadError


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the lock in the working folder `folder` (.spread-build) while publishing; refuse if another has it."""
    lock = folder / "publish.lock"
    for link in (folder, lock):
        if link.is_symlink():
            raise SpreadError(f"{link} is a link to {os.path.realpath(link)}: Spread keeps its working files there "
                              "and never writes through a link, so delete the link and publish again")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(lock, "a", encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise SpreadError(f"cannot write in {folder} ({exc.strerror}): make sure you may write in the "
                          "repository, then publish again") from None
    with handle:
        if sys.platform != "win32":
            import fcntl

            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise SpreadError("another `spread publish` is running in this repository: wait for it to finish, "
                                  "then publish again") from None
        yield
