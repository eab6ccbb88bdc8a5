"""`spread report` with each site's summary kept in `.spread-cache/`, so that a warm report loads no site.

A site's entry depends on its site folder (site.yaml and its audits), on the folder its audits are read from
(the one its site.yaml names, normally its own), on the playbooks its files name and the playbook it is
filed under (every file of each, and its git tags: versions, the latest one). `spread.network.deps.Deps` digests
exactly those for `spread check`; each summary is kept with them and reused while they hold. A summary does
not depend on the report's date (whether a site is overdue, and when its audit is due, are worked out from it
when the report is printed), so the store serves every date: a daily report stays warm. Sites whose key no
longer holds are loaded (their folders and the playbooks, nothing else), summarised and kept. Below
`records.CACHE_MIN` files the store is disabled and every site is loaded: the same path, with nothing kept.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spread.network import bulk
from spread.network.cache import Store
from spread.network.deps import Deps
from spread.network.fileids import Found, tag_ids
from spread.network.records import Records
from spread.progress import Progress, nothing
from spread.report.csv import site_cells
from spread.report.data import site_json
from spread.report.learning import choices_of
from spread.report.regulated import kept
from spread.report.rollup import PlaybookReport, SiteStatus, chosen, component_levels, left_out, site_status
from spread.report.summary import NetworkSummary, SiteSummary, from_plain, playbook_summary
from spread.report.text import site_columns

if TYPE_CHECKING:
    from spread.network.repo import Network

REPORT = "report"
# The store's salt: the layout of its entries. Change it with `SiteSummary.plain`, so that a store of another layout
# is ignored, never misread. (Stores before summaries stopped depending on the date were salted with the date.)
LAYOUT = "summaries-6"
# Site folders loaded and summarised at a time on a cold report.
CHUNK = 1000
# Kept per site folder: (playbooks it depends on, the folder its audits come from if not its own, key, summary
# or None when the folder holds no site that loads, its files that could not be read). Kept as `SiteSummary.plain()`.
Entry = tuple[tuple[str, ...], str | None, tuple[str, ...], SiteSummary | None, tuple[str, ...]]


def network_summary(root: Path, playbook_id: str | None, today: date, progress: Progress = nothing) -> NetworkSummary:
    """What `spread report` shows: the same as summarising `network_report(load_network(root), …)`."""
    with bulk.paused():
        store = Store(root)
        records = Records(root, store)
        stored = store.read(REPORT, LAYOUT)
        sites, latest = _kept(stored)
        deps = Deps(records, {}, tag_ids(str(root)))
        folders = {group: list(items) for group, items in groupby(records.found, key=attrgetter("group"))
                   if group != "playbooks"}
        playbook_files = [item for item in records.found if item.kind == "playbook"]
        network = _assemble(records, playbook_files)
        ids = chosen(network.playbooks, playbook_id)
        keys = _Keys(deps, folders)
        wanted = {pid: sorted(group for group in folders if group.split("/")[1] == pid) for pid in ids}
        misses = [group for groups in wanted.values() for group in groups
                  if group not in sites or sites[group][2] != keys.of(group, *sites[group][:2])]
        changed = bool(misses) or stored is None
        for pid in ids:
            if pid not in latest or latest[pid][0] != keys.playbook(pid) or not keys.playbook(pid):
                latest[pid], changed = (keys.playbook(pid), network.latest(pid)), True
        if misses:
            sites.update(_summarise(records, playbook_files, folders, misses, keys, latest, today, progress))
        broken = [*network.unreadable, *(rel for groups in wanted.values() for group in groups for rel in sites[group][4])]
        report = NetworkSummary(today, tuple(
            playbook_summary(network.playbooks[pid], latest[pid][1],
                             tuple(summary for group in wanted[pid] if (summary := sites[group][3]) is not None), today)
            for pid in ids), left_out(broken, ids), network)
        if changed or len(sites) > len(folders):
            kept = {group: (*entry[:3], entry[3] and entry[3].plain(), entry[4])
                    for group, entry in sites.items() if group in folders}
            store.write(REPORT, {"sites": kept, "latest": latest}, LAYOUT)
        records.save()
    bulk.settle()
    return report


class _Keys:
    """A site folder's key: its folder's digest, its audit folder's, and those of the playbooks it depends on."""

    def __init__(self, deps: Deps, folders: dict[str, list[Found]]) -> None:
        self.deps, self.folders = deps, folders
        self.any = next(iter(folders.values()))[0] if folders else None

    def folder(self, group: str | None) -> str:
        return self.deps.of(self.folders[group][0], None)[0] if group in self.folders else ""

    def playbook(self, pid: str) -> str:
        # A playbook's digest does not depend on the file asked about; without any site file there is none to ask.
        return self.deps.of(self.any, pid)[1] if self.any is not None else ""

    def of(self, group: str, named: tuple[str, ...], source: str | None) -> tuple[str, ...]:
        return (self.folder(group), self.folder(source), *(self.playbook(pid) for pid in named))


def _summarise(records: Records, playbook_files: list[Found], folders: dict[str, list[Found]], misses: list[str],
               keys: _Keys, latest: dict[str, tuple[str, str | None]], today: date,
               progress: Progress) -> dict[str, Entry]:
    """Summarise the sites of the missed folders, a chunk of folders at a time (so that only one chunk's typed
    models and scores are alive at once: a cold report of 10,000 sites stays well under 500 MB)."""
    # Many folders to load (cold, or a playbook changed): reading the data store beats parsing them.
    stored = sum(len(folders[group]) for group in misses) > len(records.found) // 4
    total = sum(len(folders[group]) for group in misses)
    fresh: dict[str, Entry] = {}
    for start in range(0, len(misses), CHUNK):
        done = sum(len(folders[group]) for group in misses[:start])
        chunk = misses[start:start + CHUNK]
        network = _load(records, playbook_files, folders, chunk, stored, _offset(progress, done, total))
        for group in chunk:
            fresh[group] = _entry(network, group, keys, latest, today)
    return fresh


def _offset(progress: Progress, done: int, total: int) -> Progress:
    """Progress over all the folders to load, from the progress of loading one chunk of them."""
    return lambda count, _: progress(min(done + count, total), total)


def _load(records: Records, playbook_files: list[Found], folders: dict[str, list[Found]], chunk: list[str],
          stored: bool, progress: Progress) -> Network:
    """The playbooks and these site folders, with the folders their sites read audits from."""
    groups = set(chunk)
    while True:
        wanted = playbook_files + [item for group in sorted(groups) for item in folders[group]]
        records.load(wanted, progress, stored=stored)
        network = _assemble(records, wanted)
        sources = {source for group in chunk if (source := _source(network, group)) in folders}
        if sources <= groups:
            return network
        groups |= sources


def _entry(network: Network, group: str, keys: _Keys, latest: dict[str, tuple[str, str | None]],
           today: date) -> Entry:
    _, pid, name = group.split("/")
    site = network.sites.get((pid, name))
    broken = tuple(sorted(rel for rel in network.unreadable if rel.startswith(group + "/")))
    if site is None:
        return (), None, keys.of(group, (), None), None, broken
    source = _source(network, group)
    named = tuple(sorted({pid, site.playbook, *(audit.playbook for audit in network.site_audits(site))}))
    summary = summarise(site_status(network, site, latest[pid][1], today))
    return named, source, keys.of(group, named, source), summary, broken


def _source(network: Network, group: str) -> str | None:
    """The folder a site's audits are read from, when its site.yaml names another than its own."""
    _, pid, name = group.split("/")
    site = network.sites.get((pid, name))
    if site is None or (site.playbook, site.id) == (pid, name):
        return None
    return f"fidelity/{site.playbook}/{site.id}"


def _assemble(records: Records, wanted: list[Found]) -> Network:
    from spread.network.repo import assemble

    loaded = records.load(wanted, stored=False)
    return assemble(records.root, [loaded[item.rel] for item in wanted], wanted, records.walk.refused)


def _kept(stored: Any) -> tuple[dict[str, Entry], dict[str, tuple[str, str | None]]]:
    """The kept summaries and latest versions; nothing from a store that is missing or not of this shape."""
    if not (isinstance(stored, dict) and isinstance(stored.get("sites"), dict)
            and isinstance(stored.get("latest"), dict)):
        return {}, {}
    sites: dict[str, Entry] = {}
    for group, entry in stored["sites"].items():
        if isinstance(entry, tuple) and len(entry) == 5 and isinstance(entry[4], tuple):
            summary = from_plain(entry[3]) if entry[3] is not None else None
            if summary is not None or entry[3] is None:
                sites[group] = (entry[0], entry[1], entry[2], summary, entry[4])
    return sites, stored["latest"]


def summarise(status: SiteStatus) -> SiteSummary:
    """A site's entry in every format the report has, worked out once to be kept."""
    levels = component_levels(status.score) if status.score is not None else {}
    return SiteSummary(status.site.id, status.band, levels, tuple(choices_of(status.site)), status.schedule,
                       tuple(site_columns(status)), site_json(status), site_cells(status), status.measures,
                       kept(status.site))


def summary_of(reports: list[PlaybookReport], today: date) -> NetworkSummary:
    """The report `spread report` gives, from the handbook's full roll-ups (no cache): the same summaries, so the
    same bytes in every format."""
    return NetworkSummary(today, tuple(playbook_summary(r.playbook, r.latest, tuple(summarise(s) for s in r.sites),
                                                        today) for r in reports))
