"""Checking a repository again: only the files whose problems could have changed are checked.

A file's problems depend on its own content and on other documents. The rules read a file's site folder
(the site and its audits), the playbook it names (every file of that playbook, and its git tags), which
playbooks exist, and for audits today's date; a playbook file is compared with the other playbook files
and tags. So each file's problems are kept with its content id and a digest of all that (`Deps`), and
reused only while both are unchanged, and only today. A rule that reads more must widen `Deps`: the tests
compare cached and uncached checks of a generated network full of mistakes.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spread.check.parts import Fresh, Plain, as_plain
from spread.errors import Problem
from spread.network.cache import Store
from spread.network.deps import Deps, names_sites
from spread.network.fileids import tag_ids
from spread.network.records import Records
from spread.progress import Progress

if TYPE_CHECKING:  # the rules, the model and git are imported only when something must be checked
    from spread.network.repo import Network

CHECKS = "checks"  # the index of kept results, in SHARDS files: checks.0 … checks.15
SHARDS = 16
# Kept per file: (blob id, the playbook it names, deps (a pair, or a triple: `Deps.with_sites`), its problems).
Entry = tuple[str, str | None, tuple[str, ...], tuple[Plain, ...]]


def check_repository(root: Path, progress: Progress, load: Callable[[Path, Progress], Network],
                     day: date | None = None) -> list[Problem]:
    """Every problem in the repository, exactly as `check_network(load(root, progress), day)` finds them (`day`:
    the day audits are judged on, default today; results are kept for that day only)."""
    store, today = Store(root), (day or date.today()).isoformat()
    shards = [store.read(f"{CHECKS}.{n}", today) for n in range(SHARDS)]
    stored = _merged(shards)
    if stored is None:  # nothing kept from today: check everything, and keep the results
        from spread.check.parts import check_loaded

        records, tags = Records(root, store), tag_ids(str(root))
        records.load(records.found, progress)
        problems, everything = check_loaded(root, records, {item.rel for item in records.found}, tags, day)
        if everything is not None:
            _keep(records, {}, everything, Deps(records, {}, tags), today, [None] * SHARDS)
        else:
            records.save()
        return problems
    index: dict[str, Entry] = stored
    records = Records(root, store)
    deps = Deps(records, index, tag_ids(str(root)))
    misses = deps.misses(index)
    fresh: dict[str, Fresh] | None = {}
    if misses:
        from spread.check.parts import attribute
        from spread.check.rules import check_network
        from spread.network.repo import assemble

        groups = {records.by_rel[rel].group for rel in misses}
        wanted = [item for item in records.found if item.kind == "playbook" or item.group in groups]
        # Many files to check again (a playbook changed): reading the data store beats parsing them.
        loaded = records.load(wanted, progress, stored=len(wanted) > len(records.found) // 4)
        network = assemble(root, [loaded[item.rel] for item in wanted], wanted, records.walk.refused, records.found)
        if not deps.tags:
            network.has_no_tags()
        fresh = attribute(records, network, misses, check_network(network, day))
    if fresh is None:  # a problem we could not tie to one file: check everything, keep nothing
        from spread.check.rules import check_network

        return check_network(load(root, progress), day)
    return _keep(records, index, fresh, deps, today, shards)


def _keep(records: Records, index: dict[str, Entry], fresh: dict[str, Fresh], deps: Deps, today: str,
          shards: list[Any]) -> list[Problem]:
    """Every file's problems, kept ones and fresh ones; what holds is kept for the next check (only the
    shards of the index that changed are written again). Links the scan did not follow are reported afresh
    every time, never kept: they are no file's, and what they lead to may change without a trace here."""
    problems = [link.problem() for link in records.walk.refused]
    if not fresh and len(index) == len(records.found):  # nothing changed (and every file is in the index)
        for entry in index.values():
            if entry[3]:  # most files have none: spare them a generator
                problems.extend(Problem(*plain) for plain in entry[3])  # type: ignore[arg-type]
        records.save()
        return sorted(set(problems))
    by_rel = records.by_rel
    kept = {rel: entry for rel, entry in index.items() if rel in by_rel and rel not in fresh}
    for entry in kept.values():
        if entry[3]:
            problems.extend(Problem(*plain) for plain in entry[3])  # type: ignore[arg-type]
    for rel, (blob, playbook, found) in fresh.items():
        problems.extend(found)
        if blob is not None:
            kept[rel] = (blob, playbook, deps.with_sites(by_rel[rel], playbook) if names_sites(records.loaded.get(rel))
                         else deps.of(by_rel[rel], playbook), tuple(as_plain(p) for p in found))
    changed: dict[int, list[str]] = {n: [] for n, shard in enumerate(shards) if not isinstance(shard, dict)}
    for rel in [*fresh, *(rel for rel in index if rel not in by_rel)]:
        changed.setdefault(_shard(rel), []).append(rel)
    for n, rels in changed.items():
        old = shards[n] if isinstance(shards[n], dict) else {}
        shard = {rel: kept[rel] for rel in old if rel in kept}
        shard.update({rel: kept[rel] for rel in rels if rel in kept})
        records.store.write(f"{CHECKS}.{n}", shard, today)
    records.save()
    return sorted(set(problems))


def _shard(rel: str) -> int:
    """Which part of the index keeps a file: a site folder's files go together (`fidelity/<playbook>/<site>`),
    so that an edit rewrites a sixteenth of the index, not all of it."""
    return zlib.crc32("/".join(rel.split("/", 3)[:3]).encode()) % SHARDS


def _merged(shards: list[Any]) -> dict[str, Entry] | None:
    """The kept index, from the shards readable today (a missing shard only means more to check again)."""
    if not any(isinstance(shard, dict) for shard in shards):
        return None
    index: dict[str, Entry] = {}
    for shard in shards:
        if isinstance(shard, dict):
            index.update(shard)
    return index
