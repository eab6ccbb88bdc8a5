"""`spread report` with site summaries kept in .spread-cache/: byte for byte what a report without the cache
prints, in every format, however the network changes; and a warm report loads no site.

Every test works on a generated network with mistakes in it, and compares with a report that uses no cache.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import test_cache
from conftest import Run
from spread.commands.report import left_out_note, rendered
from spread.model import build
from spread.model.regulator import standing
from spread.network import records
from spread.network.cache import FOLDER, Store
from spread.network.repo import load_network
from spread.report import cache as reportcache
from spread.report.cache import LAYOUT, REPORT, network_summary, summarise
from spread.report.data import dumps, report_json, site_row, trend_data
from spread.report.figures import playbook_data, site_data
from spread.report.reviews import programme_reviews
from spread.report.rollup import LEVELS, PlaybookReport, deadline, network_report
from spread.report.summary import NetworkSummary, playbook_summary
from spread.scoring.data import change_data

# The generated network of the check's cache tests, with its mistakes, fresh for each test.
generated, net, AUDIT, CLUB, OTHER = (test_cache.generated, test_cache.net, test_cache.AUDIT, test_cache.CLUB,
                                      test_cache.OTHER_CLUB)

TODAY = "2026-11-23"
FORMATS = ("text", "json", "csv")


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids of the sites and audits turned into typed models since the fixture started."""
    seen: list[str] = []

    def spy(make: Any) -> Any:
        def made(doc: Any, *kind: Any) -> Any:
            if not kind:  # a programme review is an audit made with its kind's id: not a site's, so not counted here
                seen.append(doc.data.get("id") or doc.data.get("site"))
            return make(doc, *kind)
        return made

    monkeypatch.setattr(build, "site_from", spy(build.site_from))
    monkeypatch.setattr(build, "audit_from", spy(build.audit_from))
    yield seen


def reports(run: Run, root: Path, *args: str, today: str = TODAY) -> dict[str, str]:
    outputs = {}
    for fmt in FORMATS:
        result = run("report", *args, "--repo", root, "--today", today, "--format", fmt)
        assert result.exit_code == 0, result.output
        outputs[fmt] = result.stdout_bytes.decode()  # (`stdout` would turn the CSV's \r\n into \n)
        outputs[f"{fmt} note"] = result.stderr
    return outputs


def uncached(run: Run, root: Path, *args: str, today: str = TODAY) -> dict[str, str]:
    """The report without the cache, as the handbook works it out: the whole network loaded, every site scored."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(records, "CACHE_MIN", 10**9)  # as for a small repository: no store at all
        full = network_report(load_network(root), args[0] if args else None, date.fromisoformat(today))
        result = NetworkSummary(full.today, tuple(playbook_summary(p.playbook, p.latest, tuple(map(summarise, p.sites)),
                                                                   full.today)
                                                  for p in full.playbooks), full.left_out)
        # Programme reviews worked out afresh too (the example network's code-club has a readiness review).
        declaring = {p.playbook.id for p in full.playbooks if p.playbook.reviews}
        reviews = programme_reviews(root, full.today, declaring, cache=False)
        left = {fmt: (*full.left_out, *(reviews.left_out if fmt != "csv" else ())) for fmt in FORMATS}
        expected = {fmt: rendered(result, fmt, reviews=reviews if fmt != "csv" else None) for fmt in FORMATS} | {
            f"{fmt} note": left_out_note(left[fmt]) + "\n" if left[fmt] else "" for fmt in FORMATS}
        assert reports(run, root, *args, today=today) == expected  # and the command, with no store, agrees
    return expected


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def worsen(path: Path) -> None:
    """Rate an audit's first item differently."""
    text = path.read_text()
    rating = re.search(r"level: \w+|score: \d", text)
    assert rating is not None, path
    worse = {"level: unacceptable": "level: expected", "score: 1": "score: 2"}.get(rating.group(0))
    path.write_text(text.replace(rating.group(0), worse or rating.group(0).split(":")[0] + ": "
                                 + ("unacceptable" if "level" in rating.group(0) else "1"), 1))


def test_cold_warm_and_uncached_reports_are_identical(run: Run, net: Path, built: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reportcache, "CHUNK", 7)  # a cold report loads and summarises a few folders at a time
    plain = uncached(run, net)
    assert plain["text note"].startswith("Note: ") and "with problems are left out of this report" in plain["text note"]
    assert not (net / FOLDER / REPORT).exists()
    assert reports(run, net) == plain  # cold: every site summarised, and kept
    assert (net / FOLDER / REPORT).exists()
    built.clear()
    assert reports(run, net) == plain  # warm
    assert built == []  # no site or audit was even turned into a model
    assert "critical breach" in plain["text"] and "below" in plain["text"]


def regulator(report: PlaybookReport, today: date) -> dict[str, Any]:
    """The regulator's ratings as the JSON report should give them, from the full site statuses."""
    reg = report.playbook.regulator
    if reg is None:
        return {}
    now = [(s.site.id, standing(reg, s.site.regulator_ratings, today)) for s in report.sites]
    return {"regulator": {"name": reg.name, "old_after_months": reg.stale_after, "sites": [
        {"site": site, "rating": n and n.rating.rating, "date": n and n.rating.date, "report": n and n.rating.report,
         "age_months": n and n.months, "old": n and n.stale} for site, n in now]}}


def test_the_json_report_is_what_json_dumps_writes(net: Path) -> None:
    """The JSON report is put together from per-site texts; it must be the bytes of encoding the whole at once."""
    full = network_report(load_network(net), None, date.fromisoformat(TODAY))
    data = {"today": TODAY, "playbooks": [{
        "id": p.playbook.id, "title": p.playbook.title, "latest_version": p.latest, "bands": dict(p.bands),
        "sites": [site_row(s) | {"trend": trend_data(s), "change": change_data(s.change)} | site_data(s.measures)
                  for s in p.sites],
        "components": [{"id": c.id, "title": c.title, "critical": c.critical}
                       | {level: list(c.sites.get(level, ())) for level in LEVELS} for c in p.components],
        "adaptations": [{"component": a.component, "title": a.title, "core": a.core, "sites": a.sites,
                         "choices": [{"choice": c.choice, "sites": list(c.sites), "reasons": list(c.reasons)}
                                     for c in a.choices]} for a in p.adaptations],
        "reach_and_outcomes": playbook_data(p, full.today),
    } | regulator(p, full.today) for p in full.playbooks]}
    summary = network_summary(net, None, date.fromisoformat(TODAY))
    assert report_json(summary) == json.dumps(data, indent=2, ensure_ascii=False)
    # and the summaries are those of the handbook's full site statuses, with the same roll-ups
    for mine, theirs in zip(summary.playbooks, full.playbooks, strict=True):
        assert mine.sites == tuple(summarise(s) for s in theirs.sites)
        assert (mine.components, mine.bands, mine.adaptations) == (theirs.components, theirs.bands,
                                                                   theirs.adaptations)


def test_an_edited_audit_loads_its_site_folder_only(run: Run, net: Path, built: list[str]) -> None:
    reports(run, net)
    worsen(net / AUDIT)
    built.clear()
    after = reports(run, net)
    assert set(built) == {CLUB}  # its site and audits, for the first format only
    assert after == uncached(run, net)


def test_an_edited_playbook_summarises_its_sites_again(run: Run, net: Path, built: list[str]) -> None:
    before = reports(run, net)
    path = net / "playbooks/code-club/playbook.yaml"
    rewrite(path, "title: ", "title: Renamed ")
    built.clear()
    after = reports(run, net)
    assert built and all((net / "fidelity/code-club" / site).is_dir() for site in built)  # its sites only
    assert after == uncached(run, net) and after != before


def test_deleted_and_added_sites(run: Run, net: Path) -> None:
    reports(run, net)
    shutil.rmtree(net / "fidelity/code-club" / CLUB)
    assert reports(run, net) == uncached(run, net)
    shutil.copytree(net / "fidelity/code-club" / OTHER, net / "fidelity/code-club/copied-99")
    rewrite(net / "fidelity/code-club/copied-99/site.yaml", f"id: {OTHER}", "id: copied-99")
    assert reports(run, net) == uncached(run, net)


def test_a_site_reading_another_folders_audits_follows_them(run: Run, net: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A site.yaml naming another site's id reads that site's audits: an edit there changes it too."""
    monkeypatch.setattr(reportcache, "CHUNK", 1)  # those audits are loaded with the site's folder, not before
    shutil.copytree(net / "fidelity/code-club" / OTHER, net / "fidelity/code-club/copy")
    shutil.rmtree(net / "fidelity/code-club/copy/audits")
    assert reports(run, net) == uncached(run, net)
    audit = max((net / "fidelity/code-club" / OTHER / "audits").iterdir())
    worsen(audit)
    assert reports(run, net) == uncached(run, net)
    shutil.rmtree(net / "fidelity/code-club" / OTHER / "audits")
    assert reports(run, net) == uncached(run, net)


def test_another_date_a_new_tag_and_one_playbook(run: Run, net: Path) -> None:
    reports(run, net)
    assert reports(run, net, today="2027-06-01") == uncached(run, net, today="2027-06-01")
    subprocess.run(["git", "tag", "code-club/v9.0.0"], cwd=net, check=True)
    tagged = reports(run, net)
    assert tagged == uncached(run, net) and "behind (9.0.0 out)" in tagged["text"]
    assert reports(run, net, "code-club") == uncached(run, net, "code-club")
    assert reports(run, net) == tagged


def ignored_then_kept(run: Run, net: Path, built: list[str], expected: dict[str, str]) -> None:
    """The store is not trusted (every site is loaded again), then written again and used."""
    built.clear()
    assert reports(run, net) == expected
    assert built  # nothing was trusted
    built.clear()
    assert reports(run, net) == expected
    assert built == []  # and the store works again


# The audits of 2026's second half (and of 2026, for yearly playbooks) fall due on this day: 45 days after its end.
DUE_DAY = "2027-02-14"


def test_a_report_on_another_day_loads_no_site(run: Run, net: Path, built: list[str]) -> None:
    """What is kept does not depend on the date: the next day's report, and one across a due date, load no site and
    say which sites are overdue on that day, byte for byte as the handbook's path and the command without a store."""
    reports(run, net)
    store = (net / FOLDER / REPORT).read_bytes()
    dated = {}
    for day in ("2026-11-24", "2027-02-13", DUE_DAY):
        built.clear()
        dated[day] = reports(run, net, today=day)
        assert built == []  # no site or audit was turned into a model
        assert (net / FOLDER / REPORT).read_bytes() == store  # nor was the store written again
        assert dated[day] == uncached(run, net, today=day)
    assert "(2026-H2 due)" not in dated["2027-02-13"]["text"]
    assert "(2026-H2 due)" in dated[DUE_DAY]["text"]
    assert '"overdue": false' in dated["2027-02-13"]["json"] and '"overdue": false' not in dated[DUE_DAY]["json"]


def test_overdue_and_due_are_the_handbooks_on_any_day(net: Path) -> None:
    """One summary, kept on one day, gives on every day what the handbook's `site_status` says for that day."""
    summary = network_summary(net, None, date.fromisoformat(TODAY))
    network = load_network(net)
    for day in map(date.fromisoformat, ("2026-11-13", "2026-11-14", TODAY, "2027-02-13", DUE_DAY, "2029-01-01")):
        full = network_report(network, None, day)
        for mine, theirs in zip(summary.playbooks, full.playbooks, strict=True):
            assert [deadline(s.schedule, day) for s in mine.sites] == [(s.overdue, s.due) for s in theirs.sites]


@pytest.mark.parametrize("salt", ["date", "layout"])
def test_a_store_of_the_old_layout_is_ignored(run: Run, net: Path, built: list[str], salt: str) -> None:
    """Before summaries stopped depending on the date, the store was salted with the date, and a summary held the
    site's text cells, JSON entry and CSV cells with overdue and due filled in. Such a store is never read, even
    under the salt of today's layout."""
    expected = reports(run, net)
    kept = Store(net).read(REPORT, LAYOUT)
    old = {group: (*entry[:3], entry[3] and (*entry[3][:4], ("stale",) * 8, "{}", ("stale",) * 18))
           for group, entry in kept["sites"].items()}
    Store(net).write(REPORT, {"sites": old, "latest": kept["latest"]}, TODAY if salt == "date" else LAYOUT)
    ignored_then_kept(run, net, built, expected)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "shape", "summary"])
def test_a_damaged_store_is_ignored(run: Run, net: Path, damage: str, built: list[str]) -> None:
    expected = reports(run, net)
    store = net / FOLDER / REPORT
    raw = store.read_bytes()
    if damage in ("garbage", "truncated"):
        store.write_bytes(raw[: len(raw) // 2] if damage == "truncated" else b"spread-cache\n{}\n" + raw)
    else:
        kept = Store(net).read(REPORT, LAYOUT)
        if damage == "shape":
            kept = {"sites": [1, 2], "latest": None}
        else:
            kept["sites"] = {group: (*entry[:3], ("broken",)) for group, entry in kept["sites"].items()}
        Store(net).write(REPORT, kept, LAYOUT)
    ignored_then_kept(run, net, built, expected)


@pytest.mark.parametrize("value", [
    {}, [], "", None, True, False, 0, -3, 2.5, 1e-07, 12345678901234567890, float("nan"), float("-inf"),
    {"très": ["é", "\u2028", "\x00\n\t\"\\", "🙂"], "empty": {}, "list": [], "n": [1, [2, [3, {}]], {"a": None}]},
    [{"band": "haute fidélité", "sites": ["a", "b"], "reasons": []}, [[]], [{}]],
])
def test_the_json_renderer_writes_what_json_dumps_writes(value: Any) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    nested = dumps(value, 4)  # {"x": [[[here]]]}
    assert "{\n  \"x\": [\n    [\n      [\n        " + nested + "\n      ]\n    ]\n  ]\n}" == json.dumps(
        {"x": [[[value]]]}, indent=2, ensure_ascii=False)
