"""Finding and loading the playbooks, sites and audits of a handbook repository.

Layout: playbooks/<id>/playbook.yaml (the working version), playbooks/<id>/releases/<version>.yaml
(archived releases, so that shallow clones without tags still know old versions),
fidelity/<playbook>/<site>/site.yaml and fidelity/<playbook>/<site>/audits/<period>.yaml.
A version not found in those files is read from the git tag `<id>/v<version>`.
A symbolic link is followed only inside the repository (`spread.network.symlinks`); the others are not read, and
`Network.refused` lists them for `spread check`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from spread.errors import Problem, SpreadError, display_path
from spread.model.schemas import Kind, validate
from spread.model.semver import sort_key
from spread.progress import Progress, nothing
from spread.yaml.document import Document
from spread.yaml.read import parse_document, read_document

if TYPE_CHECKING:  # git, the model, the loaders and their libraries are imported when used: start-up stays fast
    from spread.model.audit import Audit
    from spread.model.playbook import Playbook
    from spread.model.site import Site
    from spread.network.fileids import Found
    from spread.network.loading import Record
    from spread.network.records import Records
    from spread.network.symlinks import Refused

MARKERS = ("playbooks", "fidelity")


def find_root(start: Path) -> Path:
    """The handbook repository containing `start`: the nearest folder with playbooks/ or fidelity/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).is_dir() for marker in MARKERS):
            return folder
    raise SpreadError(f"no Spread handbook found at {start} or above it (a handbook has a playbooks/ folder): "
                      "run the command inside one, pass --repo, or create one with `spread init`")


def kind_of(relpath: str) -> Kind | None:
    """Which document a repository path holds, by where it lives; None for other files."""
    parts = relpath.split("/")
    if not parts[-1].endswith((".yaml", ".yml")):
        return None
    if parts[0] == "playbooks" and (len(parts) == 3 and parts[2] in ("playbook.yaml", "playbook.yml")
                                    or len(parts) == 4 and parts[2] == "releases"):
        return "playbook"
    if parts[0] == "fidelity" and len(parts) == 4 and parts[3] in ("site.yaml", "site.yml"):
        return "site"
    if parts[0] == "fidelity" and len(parts) == 5 and parts[3] == "audits":
        return "audit"
    return None


def discover(root: Path) -> list[tuple[str, Kind]]:
    """Every document in the repository, as (path relative to the root, kind), in a stable order."""
    from spread.network.symlinks import judge

    found = []
    for pattern in ("playbooks/*/playbook.y*ml", "playbooks/*/releases/*.y*ml",
                    "fidelity/*/*/site.y*ml", "fidelity/*/*/audits/*.y*ml"):
        for path in root.glob(pattern):
            rel = path.relative_to(root).as_posix()
            kind = kind_of(rel)
            if kind is not None and path.is_file() and judge(root, rel) is None:
                found.append((rel, kind))
    return sorted(found)


@dataclass
class Network:
    """Everything in one handbook repository, loaded and typed. Files that failed to load are in `problems`."""

    root: Path
    playbooks: dict[str, Playbook] = field(default_factory=dict)
    releases: dict[tuple[str, str], Playbook] = field(default_factory=dict)
    # Every playbook file read from the working tree, even two that claim the same version.
    playbook_files: list[Playbook] = field(default_factory=list)
    sites: dict[tuple[str, str], Site] = field(default_factory=dict)
    audits: dict[tuple[str, str], list[Audit]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Files that exist but could not be loaded: rules stay quiet about what depends on them,
    # so one broken file gives one problem, not a cascade.
    unreadable: set[str] = field(default_factory=set)
    # Symbolic links that were not followed (`spread.network.symlinks`): `spread check` reports each once.
    refused: tuple[Refused, ...] = ()
    paths: dict[int, str] = field(default_factory=dict)
    # How each loaded document is shown, worked out without `Path.resolve` (slow, for 50,000 files),
    # by the document's id; the document is kept with it, so that the id cannot be another's.
    shown: dict[int, tuple[Document, str]] = field(default_factory=dict, repr=False)
    _git: Any = None
    _git_checked: bool = False
    _tag_versions: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # What `load_network` found and loaded, so that `spread check` can keep per-file results.
    records: Records | None = field(default=None, repr=False)
    # Every site folder in the repository, (playbook, site), whether loaded here or not (a check in parts loads
    # some): the sites a file may name, such as a peer reviewer's own site.
    site_folders: frozenset[tuple[str, str]] = frozenset()

    def is_broken(self, rel_folder: str) -> bool:
        """True when a document in this folder exists but could not be loaded, or the folder, or one it is in,
        is a link that was not followed."""
        return any(path.startswith(rel_folder + "/") for path in self.unreadable) or bool(self.refused_at(rel_folder))

    def refused_at(self, rel: str) -> Refused | None:
        """The link that was not followed at `rel`, or at a folder it is in."""
        return next((link for link in self.refused if rel == link.rel or rel.startswith(link.rel + "/")), None)

    def path_of(self, doc: Document) -> str:
        known = self.shown.get(id(doc))
        return known[1] if known is not None and known[0] is doc else display_path(doc.path, self.root)

    def playbook_version(self, playbook_id: str, version: str) -> Playbook | None:
        """A playbook at one version: the working file, an archived release, or the git tag."""
        key = (playbook_id, version)
        if key not in self.releases:
            self.releases[key] = self._from_tag(playbook_id, version)  # type: ignore[assignment]
        return self.releases[key]

    def versions(self, playbook_id: str) -> list[str]:
        """Every known version of a playbook, oldest first."""
        known = {v for (pid, v), pb in self.releases.items() if pid == playbook_id and pb is not None}
        if self.git is not None:
            if playbook_id not in self._tag_versions:  # tags do not change while a command runs
                from spread.network import gitio

                self._tag_versions[playbook_id] = gitio.playbook_versions(self.git, playbook_id)
            known.update(self._tag_versions[playbook_id])
        return sorted(known, key=lambda v: sort_key(v) or ())

    def latest(self, playbook_id: str) -> str | None:
        versions = self.versions(playbook_id)
        return versions[-1] if versions else None

    def site_audits(self, site: Site) -> list[Audit]:
        return self.audits.get((site.playbook, site.id), [])

    def has_no_tags(self) -> None:
        """Say that the repository has no git tags (as one `git for-each-ref` found): the rules read git only
        for tagged versions, so it is then never opened, which spares importing gitpython (~0.1 s)."""
        self._git, self._git_checked = None, True

    @property
    def git(self) -> Any:
        if not self._git_checked:
            from spread.network import gitio

            self._git, self._git_checked = gitio.open_repo(self.root), True
        return self._git

    def in_git(self, rel: str) -> str:
        """A repository path as git names it, from the top of its work tree. Links in the working tree are not
        followed: what a tag holds does not depend on them, and one that leads out must not stop it being read."""
        from spread.network import gitio

        return (PurePosixPath(gitio.relative_to_top(self.git, self.root)) / rel).as_posix()

    def _from_tag(self, playbook_id: str, version: str) -> Playbook | None:
        if self.git is None:
            return None
        from spread.network import gitio

        tag = gitio.tag_name(playbook_id, version)
        top = Path(self.git.working_tree_dir or self.root)
        rel = self.in_git(f"playbooks/{playbook_id}/playbook.yaml")
        raw = gitio.file_at(self.git, tag, rel)
        if raw is None:
            return None
        doc = parse_document(raw, top / rel, f"{tag}:{rel}")
        if isinstance(doc, Problem) or validate(doc, "playbook", tag):
            return None
        from spread.model.build import playbook_from

        return playbook_from(doc)


def load_document(root: Path, rel: str, kind: Kind) -> tuple[Document | None, list[Problem]]:
    """Read and schema-check one file. Pure in its inputs, so results can be cached by content."""
    loaded = read_document(root / rel, rel)
    if isinstance(loaded, Problem):
        return None, [loaded]
    if not isinstance(loaded.data, dict):
        return None, [Problem(rel, 1, 1, "error", f"this file should be a mapping of fields (`id: …`), not "
                              f"{'a list' if isinstance(loaded.data, list) else 'a single value'}", "yaml-not-mapping")]
    problems = validate(loaded, kind, rel)
    return (None if problems else loaded), problems


def load_network(root: Path, progress: Progress = nothing, *, cache: bool = True) -> Network:
    """Load every document of the repository. Problems are collected, never raised.

    Unchanged files come from `.spread-cache/` unless `cache` is False; the rest are read on every core.
    """
    from spread.network import bulk
    from spread.network.cache import Store
    from spread.network.records import Records

    with bulk.paused():
        records = Records(root, Store(root, cache))
        loaded = records.load(records.found, progress)
        network = assemble(root, [loaded[item.rel] for item in records.found], records.found, records.walk.refused)
        network.records = records
        records.save()
    bulk.settle()
    return network


def assemble(root: Path, loaded: list[Record], found: list[Found], refused: Iterable[Refused] = (),
             listing: Iterable[Found] | None = None) -> Network:
    """The network of these records (in `discover` order), as the rules and reports see it. `refused`: the links
    the scan did not follow; the playbooks, sites and audits among them count as files that could not be read,
    so that the rules stay quiet about what depends on them. `listing`: every document of the repository, when
    only some are loaded (default: `found`), for the site folders a file may name."""
    from spread.model.build import audit_from, playbook_from, site_from
    from spread.model.periods import sort_key as period_key
    from spread.network.loading import document, problems_of

    network = Network(root, refused=tuple(refused), site_folders=frozenset(
        (parts[1], parts[2]) for item in (found if listing is None else listing) if item.kind == "site"
        for parts in [item.rel.split("/")]))
    network.unreadable.update(link.rel for link in network.refused  # documents and their folders, not CHANGELOG.md
                              if link.rel.startswith(("playbooks/", "fidelity/")) and not link.rel.endswith(".md"))
    linked = {item.rel for item in found if item.linked}
    for record in loaded:
        rel, kind = record[0], record[1]
        network.problems.extend(problems_of(record))
        if record[3] is None:
            network.unreadable.add(rel)
            continue
        doc = document(root, record)
        if rel not in linked:  # otherwise only `Path.resolve` can say how to show it
            network.shown[id(doc)] = (doc, rel)
        if kind == "playbook":
            playbook = playbook_from(doc)
            network.playbook_files.append(playbook)
            if rel.split("/")[2] == "releases":
                # What sites adopted is the released text, even if the working file was edited since.
                network.releases[(playbook.id, playbook.version)] = playbook
            else:
                network.releases.setdefault((playbook.id, playbook.version), playbook)
                network.playbooks[playbook.id] = playbook
        elif kind == "site":
            site = site_from(doc)
            network.sites[(rel.split("/")[1], rel.split("/")[2])] = site
        else:
            audit = audit_from(doc)
            network.audits.setdefault((rel.split("/")[1], rel.split("/")[2]), []).append(audit)
    for audits in network.audits.values():
        audits.sort(key=lambda a: period_key(a.period))
    return network
