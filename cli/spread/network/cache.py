"""The `.spread-cache/` folder: what earlier runs learnt, kept only while it provably still holds.

Each store is one file: a header (format, store name, a salt, a checksum of the payload) and a
`marshal` payload of plain data. The salt says what the contents depend on beyond the files themselves:
the code of Spread and of the libraries that read and validate files, and for rule results the date.
A store that is missing, truncated, corrupt, foreign or from other code is ignored and rebuilt, never
an error; it is written whole to a temporary file and renamed into place, so readers never see half.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import marshal
import os
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from spread import __version__

FOLDER = ".spread-cache"
FORMAT = 1
MAGIC = b"spread-cache\n"
# Modules whose code decides what a file means or what a check says about it.
LIBRARIES = ("ruamel.yaml", "_ruamel_yaml", "yaml", "jsonschema", "jsonschema_rs", "jsonschema_specifications")


@cache
def fingerprint() -> str:
    """Changes whenever Spread's own code or schemas, or a library that reads or validates files, change."""
    parts = [__version__, sys.version, str(FORMAT)]
    package = Path(__file__).parents[1]  # the whole package, not only this folder
    for folder, _, files in sorted(os.walk(package)):
        for name in sorted(files):
            if name.endswith((".py", ".json")):
                stat = os.stat(os.path.join(folder, name))
                parts.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec is not None else None
        if origin and os.path.exists(origin):
            stat = os.stat(origin)
            parts.append(f"{library}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()


class Store:
    """One repository's cache folder. `enabled=False` reads nothing and writes nothing."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.folder = root / FOLDER
        # A link in its place (committed by someone, say) would have every run write where it leads: not used.
        self.enabled = enabled and not self.folder.is_symlink()

    def read(self, name: str, salt: str = "") -> Any | None:
        """The payload stored under `name` with this salt, or None."""
        if not self.enabled:
            return None
        try:
            raw = (self.folder / name).read_bytes()
            if not raw.startswith(MAGIC):
                return None
            header_end = raw.index(b"\n", len(MAGIC))
            header = json.loads(raw[len(MAGIC):header_end])
            payload = memoryview(raw)[header_end + 1:]
            if header != _header(name, salt, _checksum(payload)):
                return None
            return marshal.loads(payload)
        except (OSError, ValueError, EOFError, TypeError):  # missing, unreadable, corrupt: start again
            return None

    def write(self, name: str, payload: Any, salt: str = "") -> None:
        """Store `payload` (plain data only) under `name`, atomically; a cache that cannot be written is skipped."""
        if not self.enabled:
            return
        import tempfile

        try:
            body = marshal.dumps(payload)
            header = json.dumps(_header(name, salt, _checksum(body))).encode()
            self.folder.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(MAGIC + header + b"\n")
                    handle.write(body)
                os.replace(tmp, self.folder / name)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except (OSError, ValueError):  # a read-only checkout, a full disk: the next run simply starts cold
            return


def _header(name: str, salt: str, checksum: int) -> dict[str, Any]:
    return {"format": FORMAT, "store": name, "code": fingerprint(), "salt": salt, "crc32": checksum}


def _checksum(payload: bytes | memoryview) -> int:
    # Only to notice a damaged file, not an adversary: CRC-32 does that at several times the speed of
    # SHA-1, which counted in a warm check (the stores of 50,000 files are 15 MB).
    return zlib.crc32(payload)
