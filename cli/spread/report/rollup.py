"""The network roll-up: every site of a playbook, its latest score and trend, what is overdue or behind, how each
core component is practised across sites, and what sites adapt. Pure over a loaded `Network`, so `spread report`
and the handbook's dashboard show the same numbers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Generic, TypeVar

from spread.errors import SpreadError, no_such_playbook
from spread.model import periods
from spread.model.playbook import Playbook
from spread.model.semver import is_newer
from spread.model.site import Site
from spread.network.repo import Network
from spread.report.learning import ComponentAdaptations, adaptations
from spread.report.measures import Audited, SiteMeasures, site_measures
from spread.report.regimes import deadlines
from spread.scoring.bands import ordered
from spread.scoring.results import Change, Score
from spread.scoring.score import compare, score_audit

LEVELS = ("expected", "developmental", "unacceptable")
# Sites that have stopped delivering are not chased for audits, nor are sites still preparing that have never
# audited: their first audit falls due once circles run (initial implementation).
RESTING_STAGES = ("paused", "closed")
PREPARING_STAGES = ("exploration", "installation")


@dataclass(frozen=True)
class Schedule:
    """What a site's audit deadline is worked out from, whatever the date: its latest audit's period (None: it has
    not audited), the audit frequency of the playbook version it runs, and whether it is chased for audits at all.
    `spread report` keeps this for each site, and works out overdue and due for the date asked (`deadline`)."""

    last: str | None
    frequency: str
    chased: bool
    # With review regimes (`model.regimes`): one audit in `every` periods is enough for the most frequent regime,
    # and each other regime is (its title, its latest covering audit's period, its frequency, its every).
    every: int = 1
    others: tuple[tuple[str, str | None, str, int], ...] = ()
    title: str | None = None  # the most frequent regime's title, when the playbook declares regimes


@lru_cache(maxsize=4096)
def deadline(schedule: Schedule, today: date) -> tuple[bool, str]:
    """Whether a site's audit is overdue on a day, and the period whose audit should be in by then: under every
    regime, the first one overdue (the most frequent first)."""
    # Cached: a network's ten thousand sites share a few dozen schedules, and a report asks for one day.
    for _, last, frequency, every in ((None, schedule.last, schedule.frequency, schedule.every), *schedule.others):
        if schedule.chased and periods.is_overdue(last, frequency, today, every):
            return True, periods.due(frequency, today)
    return False, periods.due(schedule.frequency, today)


def owed(schedule: Schedule, today: date) -> str:
    """What a site owes when it is overdue: `audit`, or the title of the first regime overdue (`Full review`)."""
    for title, last, frequency, every in ((schedule.title, schedule.last, schedule.frequency, schedule.every),
                                          *schedule.others):
        if periods.is_overdue(last, frequency, today, every):
            return title or "audit"
    return schedule.title or "audit"


# What a site whose latest audit is stale counts as, instead of that audit's band.
OUT_OF_DATE = "out of date"
# Counted after the playbook's bands, in this order.
LAST_COUNTED = (OUT_OF_DATE, "incomplete", "no audit")


def out_of_date(schedule: Schedule, today: date) -> int | None:
    """How many whole months old a site's latest audit is, if it is out of date on `today`: older than the period
    whose audit is due by then, whatever the site's stage (a paused site's old score is no better evidence). Such a
    site counts as out of date, never in its audit's band. None: it is not out of date (or has no audit)."""
    if schedule.last is None or not periods.is_overdue(schedule.last, schedule.frequency, today, schedule.every):
        return None
    return periods.months_since(schedule.last, today)


def counted(band: str, schedule: Schedule, today: date) -> str:
    """What a site counts as in the band counts on `today`: its latest band, or `out of date`."""
    return band if out_of_date(schedule, today) is None else OUT_OF_DATE


def dated(schedule: Schedule, today: date) -> tuple[bool, str, bool, int | None]:
    """Everything about a site that depends on the day: whether it is overdue, the period due, whether its latest
    audit is out of date, and that audit's age in months when it is."""
    age = out_of_date(schedule, today)
    return (*deadline(schedule, today), age is not None, age)


def stale_words(last: str, months: int) -> str:
    """The flag of a site that is out of date: `out of date: last audit 2025-Q4, 14 months ago`."""
    return f"{OUT_OF_DATE}: last audit {last}, {periods.age_words(months)} ago"


@dataclass(frozen=True)
class SiteStatus:
    """One site on a day. `score` is its latest audit scored against that audit's playbook version (None: no
    audit); `measures` its reach, outcome figures and participant voice."""

    site: Site
    latest_version: str | None
    behind: bool
    trend: tuple[Score, ...]
    schedule: Schedule
    today: date
    measures: SiteMeasures = field(default_factory=SiteMeasures)

    @property
    def overdue(self) -> bool:
        return deadline(self.schedule, self.today)[0]

    @property
    def owed(self) -> str:
        """What is overdue: `audit`, or a review regime's title."""
        return owed(self.schedule, self.today)

    @property
    def due(self) -> str:
        """The period whose audit should be in by `today`."""
        return deadline(self.schedule, self.today)[1]

    @property
    def age(self) -> int | None:
        """Whole months since the latest audit's period ended, if that audit is out of date (`out_of_date`)."""
        return out_of_date(self.schedule, self.today)

    @property
    def counted(self) -> str:
        """The band the site counts in on `today`: its latest band, or `out of date` (see `out_of_date`)."""
        return counted(self.band, self.schedule, self.today)

    @property
    def score(self) -> Score | None:
        return self.trend[-1] if self.trend else None

    @property
    def change(self) -> Change | None:
        return compare(self.trend[-2], self.trend[-1]) if len(self.trend) > 1 else None

    @property
    def band(self) -> str:
        """The latest band's id; for an instrument without bands, its verdict (`every minimum met`); or why there is
        none."""
        if self.score is None:
            return "no audit"
        return self.score.band.label if self.score.band else self.score.verdict or "incomplete"


@dataclass(frozen=True)
class ComponentLevels:
    """How many sites practise a core component at each level at their latest audit (site ids per level)."""

    id: str
    title: str
    critical: bool
    sites: dict[str, tuple[str, ...]]

    def count(self, level: str) -> int:
        return len(self.sites.get(level, ()))


S = TypeVar("S")


@dataclass(frozen=True)
class RollUp(Generic[S]):
    """One playbook's sites and what they add up to. The handbook's sites are full `SiteStatus`es
    (`PlaybookReport`); `spread report`'s are the `SiteSummary`s it keeps between runs (`PlaybookSummary`)."""

    playbook: Playbook
    latest: str | None
    sites: tuple[S, ...]
    components: tuple[ComponentLevels, ...]
    bands: tuple[tuple[str, int], ...]
    adaptations: tuple[ComponentAdaptations, ...]


@dataclass(frozen=True)
class NetworkRollUp(Generic[S]):
    today: date
    playbooks: tuple[RollUp[S], ...]
    # Files with problems, which the report leaves out (one broken file is one problem, never a cascade).
    left_out: tuple[str, ...] = ()
    # The playbooks read for the report (every version), kept so that programme reviews are scored without reading
    # them again; None where nothing needs them.
    network: Network | None = field(default=None, compare=False, repr=False)


PlaybookReport = RollUp[SiteStatus]
NetworkReport = NetworkRollUp[SiteStatus]


# Said instead of a table of component levels when the instrument has no items (it judges goals only): a table of
# "not rated" everywhere would read as sites that failed to rate, which is not so.
NO_COMPONENT_LEVELS = ("This programme's instrument judges its goals, not its core components one by one, so there "
                       "are no component levels to show: each site's goals met are with its latest audit.")


def component_levels(score: Score) -> dict[str, str]:
    """Each core component's level at one audit: the weakest of its rated items (a component is only as strong as
    its weakest item; `ideal` counts as expected). Components with no rated item are left out, even where the
    playbook's rule for missing data scores an unrated item (`missing: lowest`): the levels say what was rated."""
    worst: dict[str, str] = {}
    for result in score.items:
        if result.level is None or result.imputed:
            continue
        level = "expected" if result.level == "ideal" else result.level
        current = worst.get(result.item.component)
        if current is None or LEVELS.index(level) > LEVELS.index(current):
            worst[result.item.component] = level
    return worst


def site_status(network: Network, site: Site, latest: str | None, today: date) -> SiteStatus:
    trend = []
    audited: list[Audited] = []
    for audit in network.site_audits(site):
        version = network.playbook_version(audit.playbook, audit.version)
        if version is not None:
            trend.append(score_audit(version, audit))
            audited.append((version, audit, component_levels(trend[-1])))
    runs = network.playbook_version(site.playbook, site.version) or network.playbooks.get(site.playbook)
    last = trend[-1].period if trend else None
    chased = site.stage not in RESTING_STAGES and (last is not None or site.stage not in PREPARING_STAGES)
    behind = latest is not None and is_newer(latest, site.version)
    schedule = Schedule(last, runs.instrument.frequency if runs else "quarterly", chased)
    if runs and runs.instrument.regimes:
        (title, first, frequency, every), *others = deadlines(runs, network.site_audits(site))
        schedule = Schedule(first, frequency, chased, every, tuple(others), title)
    return SiteStatus(site, latest, behind, tuple(trend), schedule, today, site_measures(audited))


def component_rollup(playbook: Playbook, levels: list[tuple[str, dict[str, str]]]) -> tuple[ComponentLevels, ...]:
    """Each core component across sites, from each audited site's id and `component_levels` at its latest audit."""
    found: dict[str, dict[str, list[str]]] = {c.id: {} for c in playbook.core}
    titles = {c.id: (c.title, c.critical) for c in playbook.core}
    for site_id, site_levels in levels:
        for component, level in site_levels.items():
            found.setdefault(component, {}).setdefault(level, []).append(site_id)
            titles.setdefault(component, (component, False))
    return tuple(ComponentLevels(cid, *titles[cid], {lv: tuple(ids) for lv, ids in levels.items()})
                 for cid, levels in found.items())


def band_rollup(playbook: Playbook, seen: list[str]) -> tuple[tuple[str, int], ...]:
    """How many sites are in each band (the playbook's bands in order, then any other label, then out of date,
    incomplete and no audit), from each site's `SiteStatus.counted`."""
    labels = [b.label for b in ordered(playbook.instrument.bands)]
    extra = [label for label in dict.fromkeys(seen) if label not in labels]
    extra.sort(key=lambda label: LAST_COUNTED.index(label) + 1 if label in LAST_COUNTED else 0)
    return tuple((label, seen.count(label)) for label in labels + extra)


def playbook_report(network: Network, playbook: Playbook, today: date) -> PlaybookReport:
    latest = network.latest(playbook.id)
    sites = tuple(site_status(network, site, latest, today)
                  for (folder, _), site in sorted(network.sites.items()) if folder == playbook.id)
    levels = [(s.site.id, component_levels(s.score)) for s in sites if s.score is not None]
    return PlaybookReport(playbook, latest, sites, component_rollup(playbook, levels),
                          band_rollup(playbook, [s.counted for s in sites]), adaptations(playbook, [s.site for s in sites]))


def chosen(playbooks: dict[str, Playbook], playbook_id: str | None) -> list[str]:
    """The ids of the playbooks to report on: `playbook_id`, or every playbook; a user error if there is none."""
    if not playbooks:
        raise SpreadError("this repository has no playbooks yet (playbooks/<id>/playbook.yaml): start one with "
                          "`spread playbook new`")
    if playbook_id is not None and playbook_id not in playbooks:
        raise no_such_playbook(playbook_id, list(playbooks))
    return [playbook_id] if playbook_id else sorted(playbooks)


def network_report(network: Network, playbook_id: str | None, today: date) -> NetworkReport:
    """The report for one playbook, or for every playbook in the repository."""
    ids = chosen(network.playbooks, playbook_id)
    return NetworkReport(today, tuple(playbook_report(network, network.playbooks[pid], today) for pid in ids),
                         left_out(network.unreadable, ids))


def left_out(unreadable: Iterable[str], ids: list[str]) -> tuple[str, ...]:
    """The files a report on these playbooks leaves out because they could not be read: playbook files, and
    files in the folders of these playbooks' sites."""
    return tuple(sorted({rel for rel in unreadable if rel.startswith("playbooks/") or rel.split("/")[1] in ids}))
