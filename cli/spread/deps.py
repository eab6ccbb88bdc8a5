"""What a file's problems depend on besides its own content, as a digest (see `spread.incremental`).

- a playbook file: every playbook file and every git tag (the rules compare releases with each other);
- a site or an audit: every file in its site folder (the site and all its audits), and the playbook it
  names: each file of that playbook (by its id, or by its folder when it cannot be read), that playbook's
  tags, and the ids of all working playbooks (named in a "did you mean" when the playbook is unknown).
"""

from __future__ import annotations

import hashlib
from typing import Any

from spread.fileids import Found
from spread.loading import Record
from spread.records import Records


def folder_of(rel: str) -> str:
    """The group a file is checked with: its site folder, or all of playbooks/."""
    return "/".join(rel.split("/")[:3]) if rel.startswith("fidelity/") else "playbooks"


def names(record: Record) -> str | None:
    """The playbook a loaded file names (a playbook's own id); None when it did not load."""
    data = record[3]
    if not isinstance(data, dict):
        return None
    named = data.get("id") if record[1] == "playbook" else (data.get("playbook") or {}).get("id")
    return named if isinstance(named, str) else None


def _digest(*parts: Any) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()


class Deps:
    def __init__(self, records: Records, index: dict[str, Any], tags: tuple[str, ...]) -> None:
        self.records, self.tags = records, tags
        playbooks = [item for item in records.found if item.kind == "playbook"]
        # A playbook's id is known from the last run while its content is unchanged; otherwise load it.
        named: dict[str, str | None] = {}
        for item in playbooks:
            entry = index.get(item.rel)
            if entry is not None and entry[0] == records.blob(item):
                named[item.rel] = entry[1]
        loaded = records.load([item for item in playbooks if item.rel not in named], stored=False)
        named.update({item.rel: names(loaded[item.rel]) for item in playbooks if item.rel not in named})
        self.playbooks = [(item.rel, records.blob(item), named[item.rel]) for item in playbooks]
        self.working = sorted({pid for rel, _, pid in self.playbooks if pid and rel.split("/")[2] != "releases"})
        self.every_playbook = _digest(self.playbooks, tags)
        self._groups: dict[str, list[Found]] | None = None
        self._folders: dict[str, str] = {}
        self._named: dict[str | None, str] = {}

    def reusable(self, item: Found, entry: Any) -> bool:
        """Whether a kept result (blob, named playbook, deps, problems) still holds for this file."""
        return entry is not None and entry[0] == self.records.blob(item) and entry[2] == self.of(item, entry[1])

    def of(self, item: Found, playbook: str | None) -> str:
        if item.kind == "playbook":
            return self.every_playbook
        return self._folder(folder_of(item.rel)) + self._playbook(playbook)

    def _folder(self, folder: str) -> str:
        if folder not in self._folders:
            if self._groups is None:
                self._groups = {}
                for found in self.records.found:
                    self._groups.setdefault(folder_of(found.rel), []).append(found)
            files = [(found.rel, self.records.blob(found)) for found in self._groups.get(folder, [])]
            self._folders[folder] = _digest(files)
        return self._folders[folder]

    def _playbook(self, playbook: str | None) -> str:
        if playbook not in self._named:
            files = [(rel, blob) for rel, blob, pid in self.playbooks if pid == playbook or rel.split("/")[1] == playbook]
            tags = [tag for tag in self.tags if tag.startswith(f"refs/tags/{playbook}/")]
            self._named[playbook] = _digest(playbook, files, tags, self.working)
        return self._named[playbook]
