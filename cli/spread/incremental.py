"""Checking a repository again: only the files whose problems could have changed are checked.

A file's problems depend on its own content and on other documents. The rules read a file's site folder
(the site and its audits), the playbook it names (every file of that playbook, and its git tags), which
playbooks exist, and for audits today's date; a playbook file is compared with the other playbook files
and tags. So each file's problems are kept with its content id and a digest of all that (`Deps`), and
reused only while both are unchanged, and only today. A rule that reads more must widen `Deps`: the tests
compare cached and uncached checks of a generated network full of mistakes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from spread.cache import Store
from spread.deps import Deps, names
from spread.errors import Problem
from spread.fileids import tag_ids
from spread.progress import Progress
from spread.records import Records

if TYPE_CHECKING:  # the rules, the model and git are imported only when something must be checked
    from spread.document import Document
    from spread.repo import Network

CHECKS = "checks"
Plain = tuple[str, int, int, str, str, str]  # a Problem as plain data
# Kept per file: (blob id, the playbook it names, deps, its problems).
Entry = tuple[str, str | None, tuple[str, str], tuple[Plain, ...]]
# Found afresh per file: (blob id, or None to keep nothing; the playbook it names; its problems).
Fresh = tuple[str | None, str | None, list[Problem]]


def check_repository(root: Path, progress: Progress, load: Callable[[Path, Progress], Network]) -> list[Problem]:
    """Every problem in the repository, exactly as `check_network(load(root, progress))` finds them."""
    store, today = Store(root), date.today().isoformat()
    stored = store.read(CHECKS, today)
    if not isinstance(stored, dict):  # nothing kept from today: check everything, and keep the results
        from spread.rules import check_network

        network = load(root, progress)
        problems = check_network(network)
        if network.records is not None:
            records = network.records
            everything = _attribute(records, network, {item.rel for item in records.found}, problems)
            if everything is not None:
                _keep(records, {}, everything, Deps(records, {}, tag_ids(str(root))), today)
        return problems
    index: dict[str, Entry] = stored
    records = Records(root, store)
    deps = Deps(records, index, tag_ids(str(root)))
    misses = deps.misses(index)
    fresh: dict[str, Fresh] | None = {}
    if misses:
        from spread.repo import assemble
        from spread.rules import check_network

        groups = {records.by_rel[rel].group for rel in misses}
        wanted = [item for item in records.found if item.kind == "playbook" or item.group in groups]
        # Many files to check again (a playbook changed): reading the data store beats parsing them.
        loaded = records.load(wanted, progress, stored=len(wanted) > len(records.found) // 4)
        network = assemble(root, [loaded[item.rel] for item in wanted], wanted)
        fresh = _attribute(records, network, misses, check_network(network))
    if fresh is None:  # a problem we could not tie to one file: check everything, keep nothing
        from spread.rules import check_network

        return check_network(load(root, progress))
    return _keep(records, index, fresh, deps, today)


def _attribute(records: Records, network: Network, rels: set[str], problems: list[Problem]) -> dict[str, Fresh] | None:
    """The problems of each of `rels`, or None if a problem cannot be tied to a file."""
    owner = {rel: rel for rel in records.loaded}
    documents = _documents(network)
    for doc in documents:
        if id(doc) not in network.shown:  # shown some other way: through a symbolic link
            owner[network.path_of(doc)] = doc.path.relative_to(records.root).as_posix()
    fresh: dict[str, Fresh] = {rel: (records.blob(records.by_rel[rel]), names(records.loaded[rel]), [])
                               for rel in rels}
    for problem in problems:
        rel = owner.get(problem.path)
        if rel is None:
            return None
        if rel in fresh:
            fresh[rel][2].append(problem)
    for doc in documents:
        if doc.stale:  # its positions came from newer text: check it again next time
            rel = owner[network.path_of(doc)]
            if rel in fresh:
                fresh[rel] = (None, fresh[rel][1], fresh[rel][2])
    return fresh


def _keep(records: Records, index: dict[str, Entry], fresh: dict[str, Fresh], deps: Deps, today: str) -> list[Problem]:
    """Every file's problems, kept ones and fresh ones; what holds is kept for the next check."""
    problems: list[Problem] = []
    if not fresh and len(index) == len(records.found):  # nothing changed (and every file is in the index)
        for entry in index.values():
            problems.extend(Problem(*plain) for plain in entry[3])  # type: ignore[arg-type]
        records.save()
        return sorted(set(problems))
    by_rel = records.by_rel
    kept = {rel: entry for rel, entry in index.items() if rel in by_rel and rel not in fresh}
    for entry in kept.values():
        problems.extend(Problem(*plain) for plain in entry[3])  # type: ignore[arg-type]
    for rel, (blob, playbook, found) in fresh.items():
        problems.extend(found)
        if blob is not None:
            kept[rel] = (blob, playbook, deps.of(by_rel[rel], playbook), tuple(_plain(p) for p in found))
    records.store.write(CHECKS, kept, today)
    records.save()
    return sorted(set(problems))


def _documents(network: Network) -> list[Document]:
    docs = [playbook.doc for playbook in network.playbook_files] + [site.doc for site in network.sites.values()]
    return docs + [audit.doc for audits in network.audits.values() for audit in audits]


def _plain(problem: Problem) -> Plain:
    return problem.path, problem.line, problem.col, problem.severity, problem.message, problem.rule
