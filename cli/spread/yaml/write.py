"""Writing files whole or not at all: a temporary file beside the target, then one rename."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import suppress
from pathlib import Path

from spread.errors import SpreadError


def write_atomic(path: Path, text: str | bytes, *, force: bool = False) -> None:
    """Write a whole file or nothing: a temporary file beside it, then one rename.

    Without `force` an existing file is never replaced, even if it appears while we write. If the disk is full
    or the folder read-only, the temporary file is removed and the OSError raised names `path`, the file the
    user asked for, for the command line to report in one line.
    """
    tmp: Path | None = None
    prefix = f".{path.name}."
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        tmp = Path(tmp_name)
        if isinstance(text, bytes):  # a workbook
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
                binary.flush()
                os.fsync(binary.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _link(tmp, path)
    except OSError as exc:
        if exc.filename is None or os.path.basename(exc.filename).startswith(prefix):  # ours, not the user's
            raise OSError(exc.errno, exc.strerror, os.fspath(path)) from exc
        raise
    finally:
        if tmp is not None:
            with suppress(OSError):  # removing it must not hide why the write failed
                tmp.unlink(missing_ok=True)


def _link(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)  # fails if the file exists: no check-then-write race
    except FileExistsError:
        raise SpreadError(f"{path.as_posix()} already exists: use --force to replace it") from None
    except OSError as exc:
        # A file system without hard links (FAT, some network drives): check, then rename.
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
            raise
        if path.exists():
            raise SpreadError(f"{path.as_posix()} already exists: use --force to replace it") from None
        os.replace(tmp, path)
