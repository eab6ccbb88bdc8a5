"""What a file's problems depend on besides its own content, as a digest (see `spread.check.incremental`).

- a playbook file: every playbook file and every git tag (the rules compare releases with each other);
- a site or an audit: every file in its site folder (the site and all its audits), and the playbook it
  names: each file of that playbook (by its id, or by its folder when it cannot be read), that playbook's
  tags, and the ids of all working playbooks (named in a "did you mean" when the playbook is unknown);
- an audit that names the site a peer reviewer comes from (`names_sites`), also: which site folders its playbook's
  folder holds. Its kept deps then have a third part (`with_sites`), so that adding a site re-checks only such
  audits, and `spread report`, which reads the pair, never depends on it.
"""

from __future__ import annotations

import hashlib
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spread.network.fileids import Found
    from spread.network.loading import Record
    from spread.network.records import Records


def names(record: Record) -> str | None:
    """The playbook a loaded file names (a playbook's own id); None when it did not load."""
    data = record[3]
    if not isinstance(data, dict):
        return None
    named = data.get("id") if record[1] == "playbook" else (data.get("playbook") or {}).get("id")
    return named if isinstance(named, str) else None


def names_sites(record: Record | None) -> bool:
    """Whether a loaded audit names the site a rater comes from in a peer review (checked against the site folders)."""
    data = record[3] if record is not None and record[1] == "audit" else None
    if not isinstance(data, dict) or data.get("review") != "peer" or not isinstance(data.get("raters"), list):
        return False
    return any(isinstance(rater, dict) and "site" in rater for rater in data["raters"])


def _digest(*parts: Any) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()


class Deps:
    """The dependency digests of the files of one run. A file's deps are a pair of shared strings (its
    folder's digest, its playbook's digest), so that the kept index stays small and compares fast."""

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
        self.every_playbook = (_digest(self.playbooks, tags), "")
        self._folders: dict[str, str] = {}
        self._named: dict[str | None, str] = {}
        self._pairs: dict[tuple[str, str | None], tuple[str, str]] = {}
        self._sites: dict[str, str] | None = None

    def misses(self, index: dict[str, Any]) -> set[str]:
        """The files whose kept result (blob, named playbook, deps, problems) no longer holds."""
        missed = set()
        for item in self.records.found:
            entry = index.get(item.rel)
            if entry is None or entry[0] != (item.blob or self.records.blob(item)) or entry[2] != (
                    self.with_sites(item, entry[1]) if len(entry[2]) == 3 else self.of(item, entry[1])):
                missed.add(item.rel)
        return missed

    def of(self, item: Found, playbook: str | None) -> tuple[str, str]:
        if item.kind == "playbook":
            return self.every_playbook
        pair = self._pairs.get((item.group, playbook))
        if pair is None:
            pair = self._pairs[(item.group, playbook)] = (self._folder(item.group), self._playbook(playbook))
        return pair

    def with_sites(self, item: Found, playbook: str | None) -> tuple[str, str, str]:
        """The deps of an audit that `names_sites`: `of`, and the site folders of its playbook's folder."""
        return (*self.of(item, playbook), self._site_folders(item.group.split("/")[1]))

    def _site_folders(self, folder: str) -> str:
        """The site folders under fidelity/<folder>/, as a digest."""
        if self._sites is None:  # all at once, as for `_folder`
            sites: dict[str, list[str]] = {}
            for item in self.records.found:
                if item.kind == "site":
                    sites.setdefault(item.rel.split("/")[1], []).append(item.group)
            self._sites = {name: _digest(groups) for name, groups in sites.items()}
        return self._sites.get(folder, "")

    def _folder(self, group: str) -> str:
        if not self._folders:  # all at once: found files are sorted by path, so a folder's files come together
            for name, items in groupby(self.records.found, key=attrgetter("group")):
                listing = "\n".join(f"{item.rel} {item.blob or self.records.blob(item)}" for item in items)
                self._folders[name] = hashlib.sha1(listing.encode()).hexdigest()
        return self._folders[group]

    def _playbook(self, playbook: str | None) -> str:
        if playbook not in self._named:
            files = [(rel, blob) for rel, blob, pid in self.playbooks if pid == playbook or rel.split("/")[1] == playbook]
            tags = [tag for tag in self.tags if tag.startswith(f"refs/tags/{playbook}/")]
            self._named[playbook] = _digest(playbook, files, tags, self.working)
        return self._named[playbook]
