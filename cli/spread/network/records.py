"""A repository's documents as records: from the cache while a file is unchanged, else loaded afresh.

Two stores back this: `files` (what `spread.network.fileids` learnt about folders and files, so unchanged files
need not be read to know their content id) and `data` (each loaded record's data and problems, by kind
and content id, so unchanged files need not be parsed or validated again).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from spread.network.cache import Store
from spread.network.fileids import Found, Memory, blob_id, remember, scan
from spread.network.symlinks import read_inside
from spread.progress import Progress, nothing

if TYPE_CHECKING:
    from spread.network.loading import Record

FILES, DATA = "files", "data"
# The few playbook files are read on every check that checks anything: they get a small store of their own.
PLAYBOOKS = "playbooks"
# A repository smaller than this is checked afresh in well under a second: a cache would only be clutter.
CACHE_MIN = 500


class Records:
    """The documents found under `root` now, and their records once loaded."""

    def __init__(self, root: Path, store: Store) -> None:
        self.root, self.store = root, store
        self.found, self.walk = scan(str(root), _memory(store.read(FILES)))
        self.by_rel = {item.rel: item for item in self.found}
        if len(self.found) < CACHE_MIN:
            store.enabled = False
        self.loaded: dict[str, Record] = {}
        self.hashed: dict[str, str] = {}
        self._data: dict[Any, Any] | None = None
        self._data_changed = False
        self._playbooks: dict[Any, Any] | None = None
        self._playbooks_changed = False

    def load(self, wanted: list[Found], progress: Progress = nothing, *, stored: bool = True) -> dict[str, Record]:
        """Records of `wanted` files: known ones from the data store (if `stored`), the rest loaded."""
        data = self.data() if stored else {}
        playbooks = self._playbook_store()
        todo = []
        for item in wanted:
            if item.rel in self.loaded:
                continue
            known = playbooks if item.kind == "playbook" else data
            # A file changed since the last run may still have been seen before (reverted, or copied).
            blob = self.blob(item) if known else None
            hit = known.get((item.kind, blob)) if blob is not None else None
            if hit is not None:
                self.loaded[item.rel] = (item.rel, item.kind, blob, hit[0], hit[1])
            else:
                todo.append((item.rel, item.kind))
        done, total = len(wanted) - len(todo), len(wanted)
        if done:
            progress(done, total)

        def advance(count: int) -> None:
            nonlocal done
            done += count
            progress(done, total)

        if not todo:
            return self.loaded
        from spread.network.parallel import load_many  # its libraries only when something is to be read

        for record in load_many(self.root, todo, advance):
            self.loaded[record[0]] = record
            if self._data is not None and record[2] is not None:
                self._data[(record[1], record[2])] = (record[3], record[4])
                self._data_changed = True
            if record[1] == "playbook" and record[2] is not None:
                playbooks[(record[1], record[2])] = (record[3], record[4])
                self._playbooks_changed = True
        return self.loaded

    def _playbook_store(self) -> dict[Any, Any]:
        if self._playbooks is None:
            stored = self.store.read(PLAYBOOKS)
            self._playbooks = stored if isinstance(stored, dict) else {}
        return self._playbooks

    def data(self) -> dict[Any, Any]:
        if self._data is None:
            stored = self.store.read(DATA)
            self._data = stored if isinstance(stored, dict) else {}
            self._data_changed = not self._data and self.store.enabled
        return self._data

    def blob(self, item: Found) -> str | None:
        """The content id of a file now: remembered, loaded, or read and hashed here."""
        if item.blob is not None:
            return item.blob
        if item.rel in self.loaded and self.loaded[item.rel][2] is not None:
            return self.loaded[item.rel][2]
        if item.rel not in self.hashed:
            try:
                self.hashed[item.rel] = blob_id(read_inside(self.root, item.rel))
            except OSError:
                return None
        return self.hashed[item.rel]

    def save(self) -> None:
        """Keep what this run learnt for the next one (nothing when the store is disabled)."""
        blobs = {**self.hashed, **{rel: r[2] for rel, r in self.loaded.items() if r[2] is not None}}
        if self.walk.changed or len(self.walk.old.files) != len(self.found):
            memory = remember(self.walk, self.found, blobs)
            if (memory.dirs, memory.files) != (self.walk.old.dirs, self.walk.old.files):
                self.store.write(FILES, (memory.dirs, memory.files))
            self.walk.old, self.walk.changed = memory, False
        if self._data is not None and self._data_changed:
            current = {(item.kind, blobs.get(item.rel, item.blob)) for item in self.found}
            self.store.write(DATA, {key: value for key, value in self._data.items() if key in current})
            self._data_changed = False
        if self._playbooks is not None and self._playbooks_changed:
            current = {(item.kind, blobs.get(item.rel, item.blob)) for item in self.found if item.kind == "playbook"}
            self.store.write(PLAYBOOKS, {key: value for key, value in self._playbooks.items() if key in current})
            self._playbooks_changed = False


def _memory(stored: Any) -> Memory:
    if isinstance(stored, tuple) and len(stored) == 2 and all(isinstance(part, dict) for part in stored):
        return Memory(*stored)
    return Memory()
