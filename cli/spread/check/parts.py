"""Checking a loaded repository on every core: each worker checks some site folders, with every playbook.

A site's or an audit's problems depend only on its site folder and the playbooks (`spread.network.deps`), so the
site folders can be shared out: each worker builds the typed network of its folders and of every playbook,
runs every rule on it and ties each problem to its file. Rules about the playbooks alone give the same
problems in every worker; the first worker keeps them for the playbook files. So the problems, and the
problems of each file, are exactly those of checking the whole network in one process (the tests compare).
Workers are forked after loading, so they start with every record already in memory.
"""

from __future__ import annotations

import marshal
import sys
from datetime import date
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from spread.errors import Problem
from spread.network.deps import names
from spread.network.parallel import cores
from spread.network.symlinks import RULES as LINK_RULES

if TYPE_CHECKING:
    from spread.network.fileids import Found
    from spread.network.records import Records
    from spread.network.repo import Network
    from spread.yaml.document import Document

# Below this many files, starting worker processes costs more than it saves: checking 5,000 files takes
# ~0.4 s in one process, and each worker starts with ~0.15 s of its own (forking, importing gitpython).
PARTS_MIN = 5000
Plain = tuple[str, int, int, str, str, str]  # a Problem as plain data
# Found afresh per file: (blob id, or None to keep nothing; the playbook it names; its problems).
Fresh = tuple[str | None, str | None, list[Problem]]

_job: tuple[Path, Records, set[str], list[list[Found]], tuple[str, ...] | None, date | None] | None = None  # what forked workers inherit


def check_loaded(root: Path, records: Records, rels: set[str], tags: tuple[str, ...] | None = None,
                 today: date | None = None) -> tuple[list[Problem], dict[str, Fresh] | None]:
    """Every problem of the loaded repository, and the problems of each of `rels` (None when a problem
    cannot be tied to one file), as `check_network` and `attribute` find them on the whole network.
    `tags`: the repository's git tags (`fileids.tag_ids`) if known; `today`: the day audits are judged on."""
    parts = _parts(records.found, cores())
    if len(parts) < 2 or len(records.found) < PARTS_MIN or sys.platform != "linux":
        return _check(root, records, records.found, rels, tags, today)
    import multiprocessing  # only where processes are started: a warm re-check never needs them
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _job
    _job = (root, records, rels, parts, tags, today)
    try:
        with ProcessPoolExecutor(len(parts), mp_context=multiprocessing.get_context("fork")) as pool:
            results = [marshal.loads(payload) for payload in pool.map(_work, range(len(parts)))]
    except (BrokenProcessPool, OSError):  # no processes to be had here: check in this one
        return _check(root, records, records.found, rels, tags, today)
    finally:
        _job = None
    problems = sorted({Problem(*plain) for found, _ in results for plain in found})
    fresh: dict[str, Fresh] = {}
    for _, own in results:
        if own is None:
            return problems, None
        fresh.update({rel: (blob, playbook, [Problem(*plain) for plain in found])
                      for rel, (blob, playbook, found) in own.items()})
    return problems, fresh


def _parts(found: list[Found], count: int) -> list[list[Found]]:
    """The playbook files, then the site folders shared out in runs of about equal numbers of files."""
    playbooks = [item for item in found if item.kind == "playbook"]
    folders = [list(items) for _, items in groupby((item for item in found if item.kind != "playbook"),
                                                   key=attrgetter("group"))]
    size = -(-sum(map(len, folders)) // max(count, 1))
    parts: list[list[Found]] = [[]]
    for folder in folders:
        if len(parts[-1]) >= size:
            parts.append([])
        parts[-1].extend(folder)
    return [playbooks + part for part in parts if part] or [playbooks]


def _work(index: int) -> bytes:
    assert _job is not None
    root, records, rels, parts, tags, today = _job
    own = {item.rel for item in parts[index] if index == 0 or item.kind != "playbook"} & rels
    problems, fresh = _check(root, records, parts[index], own, tags, today)
    own_plain = None if fresh is None else {rel: (blob, playbook, [as_plain(p) for p in found])
                                            for rel, (blob, playbook, found) in fresh.items()}
    return marshal.dumps(([as_plain(p) for p in problems], own_plain))


def _check(root: Path, records: Records, items: list[Found], rels: set[str], tags: tuple[str, ...] | None = None,
           today: date | None = None) -> tuple[list[Problem], dict[str, Fresh] | None]:
    from spread.check.rules import check_network
    from spread.network.repo import assemble

    network = assemble(root, [records.loaded[item.rel] for item in items], items, records.walk.refused, records.found)
    if tags == ():
        network.has_no_tags()
    problems = check_network(network, today)
    return problems, attribute(records, network, rels, problems)


def attribute(records: Records, network: Network, rels: set[str], problems: list[Problem]) -> dict[str, Fresh] | None:
    """The problems of each of `rels`, or None if a problem cannot be tied to a file. A link that was not followed
    is no file's: the scan judges links afresh every time (`spread.check.incremental` adds their problems)."""
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
            if problem.rule in LINK_RULES:
                continue
            return None
        if rel in fresh:
            fresh[rel][2].append(problem)
    for doc in documents:
        if doc.stale:  # its positions came from newer text: check it again next time
            rel = owner[network.path_of(doc)]
            if rel in fresh:
                fresh[rel] = (None, fresh[rel][1], fresh[rel][2])
    return fresh


def _documents(network: Network) -> list[Document]:
    docs = [playbook.doc for playbook in network.playbook_files] + [site.doc for site in network.sites.values()]
    return docs + [audit.doc for audits in network.audits.values() for audit in audits]


def as_plain(problem: Problem) -> Plain:
    return problem.path, problem.line, problem.col, problem.severity, problem.message, problem.rule
