"""A parsed YAML file: its plain data, and the line and column of every value, found only when needed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Key = tuple[str | int, ...]
# 1-based (line, col) by path from the root of the document.
Positions = dict[Key, tuple[int, int]]
# Finds a document's positions later: (values, keys, whether the file had changed since it was read).
Locate = Callable[[], tuple[Positions, Positions, bool]]


class Document:
    """A parsed YAML file: plain data (dicts, lists, str, int, float, bool, None) plus positions.

    Positions are worked out only when first asked for: a file read by the fast path (`spread.yaml.fast`)
    carries a `locate` function that parses it carefully then, so the many files without problems never
    pay for positions. `stale` is True when the file had changed by the time its positions were located.
    """

    __slots__ = ("_keys", "_locate", "_path", "_values", "_where", "data", "stale")

    def __init__(self, path: Path | None, data: Any, values: Positions | None = None, keys: Positions | None = None,
                 *, locate: Locate | None = None, where: tuple[Path, str] | None = None) -> None:
        self._path, self._where, self.data = path, where, data
        self._values, self._keys, self._locate = values, keys, locate
        self.stale = False
        if locate is None:
            self._values, self._keys = values or {}, keys or {}

    @property
    def path(self) -> Path:
        """The file. Given as (root, relative path) it is joined only when asked for: pathlib is slow at 50,000."""
        if self._path is None:
            assert self._where is not None
            self._path = self._where[0] / self._where[1]
        return self._path

    @property
    def values(self) -> Positions:
        """Where each value starts, by path from the root."""
        return self._tables()[0]

    @property
    def keys(self) -> Positions:
        """Where each mapping key starts, by the path of its value."""
        return self._tables()[1]

    def _tables(self) -> tuple[Positions, Positions]:
        if self._locate is not None:
            self._values, self._keys, self.stale = self._locate()
            self._locate = None
        assert self._values is not None and self._keys is not None
        return self._values, self._keys

    def at(self, where: Key, *, key: bool = False) -> tuple[int, int]:
        """Position of a value (or its key), falling back to the nearest enclosing value that has one."""
        values, keys = self._tables()
        table = keys if key else values
        while where:
            if where in table:
                return table[where]
            if key and where in values:
                return values[where]
            where = where[:-1]
        return values.get((), (1, 1))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.path, self.data, self._tables()) == (other.path, other.data, other._tables())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, data={self.data!r})"
