"""Finding and loading programme reviews: playbooks/<playbook>/reviews/<review id>/<period>.yaml.

A playbook has a review or two a year, so they are read afresh by each command that needs them, beside the
file cache that serves the many sites and audits (`spread check` runs their rules every time, like mkdocs.yml's).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from spread.errors import Problem
from spread.model.build import playbook_from, review_from
from spread.model.periods import sort_key
from spread.model.review import FOLDER, Review
from spread.network.repo import Network, load_document
from spread.network.symlinks import judge


@dataclass(frozen=True)
class Reviews:
    """Every programme review of a repository that could be read, oldest period first, with the problems of those
    that could not (`unreadable`: their paths, so that rules stay quiet about them)."""

    found: tuple[Review, ...] = ()
    problems: tuple[Problem, ...] = ()
    unreadable: frozenset[str] = frozenset()
    paths: tuple[str, ...] = ()

    def of(self, playbook_id: str, kind_id: str | None = None) -> list[Review]:
        """The reviews of a playbook (of one kind), oldest first."""
        return [r for r in self.found if r.playbook == playbook_id and kind_id in (None, r.kind)]

    def path(self, review: Review) -> str:
        return self.paths[self.found.index(review)]


def review_files(root: Path) -> list[str]:
    """The review files of the repository, from its root, that may be read (links are followed only inside it)."""
    found = []
    for path in root.glob(f"playbooks/*/{FOLDER}/*/*.y*ml"):
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".yaml", ".yml") and judge(root, rel) is None and path.is_file():
            found.append(rel)
    return sorted(found)


def load_reviews(root: Path) -> Reviews:
    """Read and schema-check every review file; problems are collected, never raised."""
    loaded: list[tuple[Review, str]] = []
    problems: list[Problem] = []
    unreadable = set()
    for rel in review_files(root):
        doc, found = load_document(root, rel, "review")
        problems.extend(found)
        if doc is None:
            unreadable.add(rel)
            continue
        loaded.append((review_from(doc, rel.split("/")[3]), rel))
    loaded.sort(key=lambda pair: (pair[0].playbook, pair[0].kind, sort_key(pair[0].period), pair[1]))
    return Reviews(tuple(r for r, _ in loaded), tuple(problems), frozenset(unreadable), tuple(rel for _, rel in loaded))


def playbooks_network(root: Path, only: Collection[str] | None = None) -> Network:
    """The repository's playbooks alone (working files and archived releases; git tags when asked for), which is
    all a review needs: a repository of thousands of sites is not read to check a playbook's review. `only` names
    the playbook folders to read, when the others are not needed (each version read costs a schema check)."""
    network = Network(root)
    folders = ["*"] if only is None else sorted(only)
    for pattern in (f"playbooks/{folder}/{part}" for part in ("releases/*.y*ml", "playbook.y*ml") for folder in folders):
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            if judge(root, rel) is not None or not path.is_file():
                continue
            doc, _ = load_document(root, rel, "playbook")
            if doc is None:
                network.unreadable.add(rel)
                continue
            playbook = playbook_from(doc)
            if rel.split("/")[2] == "releases":
                network.releases[(playbook.id, playbook.version)] = playbook
            else:
                network.releases.setdefault((playbook.id, playbook.version), playbook)
                network.playbooks[playbook.id] = playbook
    return network
