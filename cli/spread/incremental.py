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
from spread.checkparts import Fresh, Plain, as_plain
from spread.deps import Deps
from spread.errors import Problem
from spread.fileids import tag_ids
from spread.progress import Progress
from spread.records import Records

if TYPE_CHECKING:  # the rules, the model and git are imported only when something must be checked
    from spread.repo import Network

CHECKS = "checks"
# Kept per file: (blob id, the playbook it names, deps, its problems).
Entry = tuple[str, str | None, tuple[str, str], tuple[Plain, ...]]


def check_repository(root: Path, progress: Progress, load: Callable[[Path, Progress], Network]) -> list[Problem]:
    """Every problem in the repository, exactly as `check_network(load(root, progress))` finds them."""
    store, today = Store(root), date.today().isoformat()
    stored = store.read(CHECKS, today)
    if not isinstance(stored, dict):  # nothing kept from today: check everything, and keep the results
        from spread.checkparts import check_loaded

        records = Records(root, store)
        records.load(records.found, progress)
        problems, everything = check_loaded(root, records, {item.rel for item in records.found})
        if everything is not None:
            _keep(records, {}, everything, Deps(records, {}, tag_ids(str(root))), today)
        else:
            records.save()
        return problems
    index: dict[str, Entry] = stored
    records = Records(root, store)
    deps = Deps(records, index, tag_ids(str(root)))
    misses = deps.misses(index)
    fresh: dict[str, Fresh] | None = {}
    if misses:
        from spread.checkparts import attribute
        from spread.repo import assemble
        from spread.rules import check_network

        groups = {records.by_rel[rel].group for rel in misses}
        wanted = [item for item in records.found if item.kind == "playbook" or item.group in groups]
        # Many files to check again (a playbook changed): reading the data store beats parsing them.
        loaded = records.load(wanted, progress, stored=len(wanted) > len(records.found) // 4)
        network = assemble(root, [loaded[item.rel] for item in wanted], wanted)
        fresh = attribute(records, network, misses, check_network(network))
    if fresh is None:  # a problem we could not tie to one file: check everything, keep nothing
        from spread.rules import check_network

        return check_network(load(root, progress))
    return _keep(records, index, fresh, deps, today)


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
            kept[rel] = (blob, playbook, deps.of(by_rel[rel], playbook), tuple(as_plain(p) for p in found))
    records.store.write(CHECKS, kept, today)
    records.save()
    return sorted(set(problems))
