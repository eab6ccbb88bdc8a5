"""Finding a repository's documents, with the content id of each, reusing what the last run learnt.

A warm `spread check` must not read 50,000 files to learn that one changed. Like git's index, we keep
each file's size, times and inode with its content id (a git blob id: sha1 of `blob <size>\\0<bytes>`),
and each folder's times with its entries; a file or folder whose stat still matches is not read again.
Whatever changed in the last two seconds could change again within the same clock tick unseen (git calls
it "racily clean"), so it is never remembered. The walk finds exactly what `repo.discover` finds.

Symbolic links are judged on every walk, remembered or not (`spread.network.symlinks`): one that leads out of the
repository, into its hidden files, to nothing or round a loop is not followed, and is listed in `Walk.refused`
with the other links Spread would read through (docs/, mkdocs.yml, a playbook's CHANGELOG.md).
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from spread.model.schemas import Kind
from spread.network.symlinks import Refused, judge, tree

# A stat as one small bytes object (size, mtime_ns, ctime_ns, inode): 50,000 of them load fast.
Stat = bytes
_PACK = struct.Struct("<4q").pack
RACY_NS = 2_000_000_000
YAML = (".yaml", ".yml")


@dataclass
class Memory:
    """What a run learnt: folders as (stat, subfolders, files, symlinked entries), files as their stat
    followed by their blob id (one bytes object each)."""

    dirs: dict[str, tuple[Stat, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


class Found(NamedTuple):
    """One document: where, what kind, its stat, its blob id if known without reading it, whether a
    symbolic link lies on its path (then only `Path.resolve` can say how to show it), the folder it is
    checked with (its site folder, or `playbooks`), and whether it changed too recently to remember."""

    rel: str
    kind: Kind
    stat: Stat
    blob: str | None
    linked: bool
    group: str
    recent: bool


# Made 50,000 times a scan: `tuple.__new__` skips the Python-level constructor of a NamedTuple.
_found = partial(tuple.__new__, Found)


def blob_id(raw: bytes) -> str:
    """The id git gives these bytes: equal ids, equal content."""
    digest = hashlib.sha1(b"blob %d\0" % len(raw))
    digest.update(raw)
    return digest.hexdigest()


class Walk:
    def __init__(self, root: str, memory: Memory) -> None:
        self.prefix, self.old, self.new = root.rstrip("/") + "/", memory, Memory()
        self.horizon = time.time_ns() - RACY_NS
        self.changed = False  # whether `new` can differ from `old`
        self.unknown: list[Found] = []  # files whose stat did not match: changed, new, or never remembered
        self.refused: list[Refused] = []  # links not followed, judged afresh on every walk

    def follows(self, rel: str, folder: bool = False) -> bool:
        """Whether the link at `rel` may be followed; if not, it is listed in `refused`."""
        verdict = judge(self.prefix, rel, folder)
        if verdict is not None:
            self.refused.append(verdict)
        return verdict is None

    def folder(self, rel: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(subfolders, files, symlinks) of a folder, following symbolic links as `Path.glob` does."""
        try:
            result = os.stat(self.prefix + rel)
        except OSError:
            return (), (), ()
        stat = _PACK(result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino)
        known = self.old.dirs.get(rel)
        if known is not None and known[0] == stat:
            entries = known[1:]
        else:
            self.changed = True
            subdirs: list[str] = []
            files: list[str] = []
            links: list[str] = []
            try:
                with os.scandir(self.prefix + rel) as scan:
                    for entry in scan:
                        name = sys.intern(entry.name)  # `audits`, `site.yaml`, `2026-Q3.yaml`: shared
                        try:
                            if entry.is_symlink():  # before following it: a loop of links raises below
                                links.append(name)
                            (subdirs if entry.is_dir() else files if entry.is_file() else []).append(name)
                        except OSError:
                            continue
            except OSError:
                return (), (), ()
            entries = tuple(sorted(subdirs)), tuple(sorted(files)), tuple(sorted(links))
        if max(result.st_mtime_ns, result.st_ctime_ns) < self.horizon:
            self.new.dirs[rel] = (stat, *entries)
        else:
            self.changed = True
        return entries

    def file(self, rel: str, kind: Kind, linked: bool, group: str, found: list[Found]) -> None:
        try:
            result = os.stat(self.prefix + rel)
        except OSError:
            return
        mtime, ctime = result.st_mtime_ns, result.st_ctime_ns
        stat = _PACK(result.st_size, mtime, ctime, result.st_ino)
        known = self.old.files.get(rel)
        blob = known[32:].decode() if known is not None and known[:32] == stat else None
        item = _found((rel, kind, stat, blob, linked, group, max(mtime, ctime) >= self.horizon))
        found.append(item)
        if blob is None:
            self.changed = True
            self.unknown.append(item)


# Top folder: (folder levels below it, kind of its named file, the inner folder, kind of the files in it).
LAYOUT: tuple[tuple[str, int, Kind, str, Kind], ...] = (
    ("playbooks", 1, "playbook", "releases", "playbook"),  # playbooks/<id>/playbook.yaml, …/releases/*.yaml
    ("fidelity", 2, "site", "audits", "audit"),  # fidelity/<playbook>/<site>/site.yaml, …/audits/*.yaml
)


def scan(root: str, memory: Memory) -> tuple[list[Found], Walk]:
    """Every document under `root`, sorted by path, and the walk (whose `new` memory to keep)."""
    walk, found = Walk(root, memory), list[Found]()
    for top, depth, named, inner, inner_kind in LAYOUT:
        top_linked = os.path.islink(os.path.join(root, top))
        if top_linked and not walk.follows(top, folder=True):
            continue
        sub, files, links = walk.folder(top)
        for folder, linked in _folders(walk, top, sub, files, links, depth, top_linked):
            group = top if top == "playbooks" else folder
            subdirs, files, links = walk.folder(folder)
            for name in (f"{named}.yaml", f"{named}.yml"):
                if name in files and (name not in links or walk.follows(f"{folder}/{name}")):
                    walk.file(f"{folder}/{name}", named, linked or name in links, group, found)
            if links:
                _refuse_broken(walk, folder, links, files, subdirs, (f"{named}.yaml", f"{named}.yml"))
                if top == "playbooks" and "CHANGELOG.md" in links:  # `spread publish` reads it
                    walk.follows(f"{folder}/CHANGELOG.md")
                if inner in links and inner not in files and not walk.follows(f"{folder}/{inner}", folder=True):
                    continue
            if inner in subdirs:
                inner_dirs, inner_files, inner_links = walk.folder(f"{folder}/{inner}")
                for name in inner_files:
                    if name.endswith(YAML) and (name not in inner_links or walk.follows(f"{folder}/{inner}/{name}")):
                        walk.file(f"{folder}/{inner}/{name}", inner_kind,
                                  linked or inner in links or name in inner_links, group, found)
                if inner_links:
                    yaml = tuple(name for name in inner_links if name.endswith(YAML))
                    _refuse_broken(walk, f"{folder}/{inner}", inner_links, inner_files, inner_dirs, yaml)
    walk.refused.extend(_published_links(root))
    found.sort()  # by path (paths are unique); nearly sorted already, so this is quick
    walk.refused.sort()
    return found, walk


def _refuse_broken(walk: Walk, folder: str, links: tuple[str, ...], files: tuple[str, ...],
                   subdirs: tuple[str, ...], names: tuple[str, ...]) -> None:
    """Refuse the links among `names` that are neither file nor folder: they lead to nothing, or round a loop."""
    for name in names:
        if name in links and name not in files and name not in subdirs:
            walk.follows(f"{folder}/{name}")


def _folders(walk: Walk, top: str, names: tuple[str, ...], files: tuple[str, ...], links: tuple[str, ...],
             depth: int, top_linked: bool) -> list[tuple[str, bool]]:
    level = _followed(walk, top, names, files, links, top_linked)
    for _ in range(depth - 1):
        deeper: list[tuple[str, bool]] = []
        for folder, linked in level:
            sub, sub_files, sub_links = walk.folder(folder)
            deeper.extend(_followed(walk, folder, sub, sub_files, sub_links, linked))
        level = deeper
    return level


def _followed(walk: Walk, parent: str, names: tuple[str, ...], files: tuple[str, ...], links: tuple[str, ...],
              linked: bool) -> list[tuple[str, bool]]:
    """The folders (playbooks, sites) in `parent` that may be read, with whether a link lies on their way. A link
    to nothing or round a loop named like a folder (no dot) is refused too."""
    broken = [name for name in links if name not in names and name not in files and "." not in name]
    for name in broken:
        walk.follows(f"{parent}/{name}", folder=True)
    return [(f"{parent}/{name}", linked or name in links) for name in names
            if name not in links or walk.follows(f"{parent}/{name}", folder=True)]


def _published_links(root: str) -> list[Refused]:
    """The links `spread publish` would read through besides the documents: docs/ and mkdocs.yml."""
    refused = tree(root, "docs")[1]
    if os.path.islink(os.path.join(root, "mkdocs.yml")):
        verdict = judge(root, "mkdocs.yml")
        if verdict is not None:
            refused.append(verdict)
    return refused


def remember(walk: Walk, found: list[Found], blobs: dict[str, str]) -> Memory:
    """The memory to keep: the walk's folders, and each file's blob id unless it changed too recently."""
    memory = walk.new
    memory.files = dict(walk.old.files)  # a file whose stat matched keeps its entry: update only the others
    for item in walk.unknown:
        blob = blobs.get(item.rel)
        if blob is not None and not item.recent:
            memory.files[item.rel] = item.stat + blob.encode()
        elif not item.recent:
            memory.files.pop(item.rel, None)
        # A file changed too recently keeps its old entry, if any: that stat cannot come back (its ctime has
        # passed), so the file is read again next time, and the store need not be written for it now.
    if len(memory.files) != len(found):  # some were removed (or are too recent to remember)
        present = {item.rel for item in found}
        memory.files = {rel: known for rel, known in memory.files.items() if rel in present}
    return memory


def tag_ids(root: str) -> tuple[str, ...]:
    """Every git tag with the object it names, by one git command: importing gitpython alone would cost
    more than a warm check should. Empty outside a git repository."""
    try:
        result = subprocess.run(["git", "-C", root, "for-each-ref", "--format=%(refname) %(objectname)", "refs/tags"],
                                capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted(result.stdout.decode("utf-8", "replace").splitlines())) if result.returncode == 0 else ()
