"""Loading one document: the fast path for the many good files, the careful path for the rest.

A good file is read once, parsed by `spread.yaml.fast` and passed by jsonschema-rs; its positions are
found only if a rule asks (`Document.locate`). Any other file — unreadable, odd YAML, failing its schema —
takes the careful path of `spread.yaml.read` and `spread.model.schemas.validate`, so its problems are worded and
placed exactly as before. Results are plain tuples (a `Record`), so they cross processes and caches.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any

from spread.errors import Problem
from spread.model.schemas import Kind, is_valid, validate
from spread.network.fileids import blob_id
from spread.network.symlinks import LinkRefused, open_inside, read_inside
from spread.yaml.document import Document, Positions
from spread.yaml.read import MAX_BYTES, parse_document, positions, read_document

# (line, col, severity, message, rule): a problem without its path, which the record carries.
Found = tuple[int, int, str, str, str]
# (path relative to the root, kind, blob id of the bytes read or None, checked data or None, problems)
Record = tuple[str, Kind, str | None, Any, tuple[Found, ...]]


def load_file(root: Path, rel: str, kind: Kind, memo: dict[str, str] | None = None) -> Record:
    """Read, parse and schema-check one file; `data` is None when the file has problems."""
    from spread.yaml.fast import fast_parse  # PyYAML: only when files are read

    path = root / rel
    try:
        with os.fdopen(open_inside(root, rel), "rb") as handle:
            # Asking for MAX_BYTES + 1 at once would allocate (and fault in) 5 MB per file: ask for its size.
            size = os.fstat(handle.fileno()).st_size
            raw = handle.read(min(size, MAX_BYTES) + 1)
            if size < len(raw) <= MAX_BYTES:  # it grew meanwhile: read on, up to the limit
                raw += handle.read(MAX_BYTES + 1 - len(raw))
    except LinkRefused as exc:  # swapped for a link since the scan: never read, never kept
        return _careful(rel, kind, None, exc.refused.problem())
    except OSError:
        return _careful(rel, kind, None, read_document(path, rel))
    if len(raw) > MAX_BYTES:
        return _careful(rel, kind, None, read_document(path, rel))
    blob = blob_id(raw)
    data = fast_parse(raw, memo)
    if isinstance(data, dict):
        if is_valid(data, kind):
            return rel, kind, blob, data, ()
        # Read as the careful path reads it (the tests compare), so only the schema's friendly messages and
        # their positions are missing: a quarter of the cost of composing the file carefully again.
        return _careful(rel, kind, blob, Document(None, data, locate=partial(_positions, raw, path), where=(root, rel)))
    return _careful(rel, kind, blob, parse_document(raw, path, rel))


def _careful(rel: str, kind: Kind, blob: str | None, loaded: Document | Problem) -> Record:
    if isinstance(loaded, Problem):
        problems = [loaded]
    elif not isinstance(loaded.data, dict):
        shape = "a list" if isinstance(loaded.data, list) else "a single value"
        problems = [Problem(rel, 1, 1, "error", f"this file should be a mapping of fields (`id: …`), not {shape}",
                            "yaml-not-mapping")]
    else:
        problems = validate(loaded, kind, rel)
    data = None if problems or isinstance(loaded, Problem) else loaded.data
    return rel, kind, blob, data, tuple((p.line, p.col, p.severity, p.message, p.rule) for p in problems)


def problems_of(record: Record) -> list[Problem]:
    rel = record[0]
    return [Problem(rel, line, col, severity, message, rule)  # type: ignore[arg-type]
            for line, col, severity, message, rule in record[4]]


def document(root: Path, record: Record) -> Document:
    """The record's data as a Document whose positions are found, from the file, only when asked for."""
    return Document(None, record[3], locate=partial(_locate, root, record[0], record[2]), where=(root, record[0]))


def _locate(root: Path, rel: str, blob: str | None) -> tuple[Positions, Positions, bool]:
    path = root / rel
    try:
        raw = read_inside(root, rel)
    except OSError:
        return {}, {}, True
    values, keys, _ = _positions(raw, path)
    return values, keys, blob_id(raw) != blob


def _positions(raw: bytes, path: Path) -> tuple[Positions, Positions, bool]:
    """Where each value and key of these bytes starts (the careful path's positions), never stale."""
    from spread.yaml.fast import fast_positions

    values, keys = fast_positions(raw) or positions(raw, path)
    return values, keys, False
