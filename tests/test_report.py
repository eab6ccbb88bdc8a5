"""The network roll-up, over a small real repository: versions, overdue audits, trends, component levels, adaptations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, MINIMAL_SITE, Run, write
from spread.errors import SpreadError
from spread.model.audit import Rating
from spread.network.repo import load_network
from spread.report.rollup import NetworkReport, component_levels, network_report
from spread.scoring.score import score_audit
from test_scoring import ANCHORED, IDS, audit, playbook

TODAY = date(2026, 11, 20)  # the 2026-Q3 audit is due by now (quarter end plus the grace days)

YORK_SITE = """
id: york
name: Demo York
playbook: {id: demo, version: 2.0.0}
host: {name: York Health Hub, type: charity}
stage: initial-implementation
started: 2025-10-01
adaptations:
  - component: venue
    choice: library
    reason: |
      The library is free
      and on the bus routes.
  - component: name
    choice: York Sugar Circle
    reason: Chosen by members.
"""
YORK_AUDIT = """
site: york
playbook: {id: demo, version: 2.0.0}
period: 2026-Q1
review: self
ratings:
  peer-led: {level: unacceptable, evidence: Staff led every circle.}
  regular: {level: expected, evidence: Fortnightly all quarter.}
"""


def site(root: Path, folder: str, text: str, audits: dict[str, str]) -> None:
    write(root / f"fidelity/demo/{folder}/site.yaml", text)
    for period, body in audits.items():
        write(root / f"fidelity/demo/{folder}/audits/{period}.yaml", body)


@pytest.fixture
def network_root(tmp_path: Path) -> Path:
    """demo 2.0.0 is current; Leeds is still on 1.0.0, York had a critical breach and is overdue, Hull is new."""
    root = tmp_path / "net"
    write(root / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK.replace("version: 1.0.0", "version: 2.0.0"))
    write(root / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    q3 = MINIMAL_AUDIT.replace("2026-Q2", "2026-Q3").replace("2026-07-10", "2026-10-10")
    q3 = q3.replace("level: developmental", "level: expected")
    site(root, "leeds", MINIMAL_SITE, {"2026-Q2": MINIMAL_AUDIT, "2026-Q3": q3})
    site(root, "york", YORK_SITE, {"2026-Q1": YORK_AUDIT})
    hull = YORK_SITE.replace("york", "hull").replace("York", "Hull").replace("initial-implementation", "installation")
    site(root, "hull", hull.replace("choice: library", "choice: online"), {})
    return root


def report(root: Path) -> NetworkReport:
    return network_report(load_network(root), "demo", TODAY)


def test_each_site_has_its_version_latest_band_trend_and_overdue_state(network_root: Path) -> None:
    (demo,) = report(network_root).playbooks
    assert demo.latest == "2.0.0"
    rows = {s.site.id: s for s in demo.sites}
    assert list(rows) == ["hull", "leeds", "york"]
    leeds, york, hull = rows["leeds"], rows["york"], rows["hull"]
    assert (leeds.site.version, leeds.behind, leeds.band, leeds.overdue) == ("1.0.0", True, "high", False)
    assert [(s.period, s.percent, s.band and s.band.label) for s in leeds.trend] == [
        ("2026-Q2", 75, "adequate"), ("2026-Q3", 100, "high")]
    assert leeds.change is not None and leeds.change.percent == 25
    # York's 50% is adequate, but peer-led is critical and rated unacceptable: the default cap is the lowest band.
    assert (york.behind, york.band, york.overdue, york.due) == (False, "low", True, "2026-Q3")
    assert york.score is not None and [r.item.component for r in york.score.breaches] == ["peer-led"]
    assert york.score.capped_by == ("Led by peers",) and york.score.uncapped is not None
    assert york.score.uncapped.label == "adequate"
    # A site still installing, with no audit yet, is not chased.
    assert (hull.band, hull.overdue, hull.score) == ("no audit", False, None)
    # York's latest audit (2026-Q1) is out of date, 7 months old: it counts as such, not in its band.
    assert (leeds.age, york.age, york.counted) == (None, 7, "out of date")
    assert demo.bands == (("low", 0), ("adequate", 0), ("high", 1), ("out of date", 1), ("no audit", 1))


def test_core_components_are_counted_by_level_at_each_sites_latest_audit(network_root: Path) -> None:
    (demo,) = report(network_root).playbooks
    levels = {c.id: (c.critical, c.sites) for c in demo.components}
    assert levels == {
        "peer-led": (True, {"expected": ("leeds",), "unacceptable": ("york",)}),
        "regular": (False, {"expected": ("leeds", "york")}),
    }


def test_adaptations_are_grouped_most_common_first_with_reasons_on_one_line(network_root: Path) -> None:
    (demo,) = report(network_root).playbooks
    venue, name = demo.adaptations
    assert (venue.component, venue.core, venue.sites) == ("venue", False, 3)
    assert [(c.choice, c.sites) for c in venue.choices] == [("library", ("leeds", "york")), ("online", ("hull",))]
    assert venue.choices[0].reasons == ("Central and free.", "The library is free and on the bus routes.")
    assert [(c.choice, c.sites) for c in name.choices] == [("Hull Sugar Circle", ("hull",)),
                                                           ("York Sugar Circle", ("york",))]


def test_a_closed_site_is_never_overdue(network_root: Path) -> None:
    text = (network_root / "fidelity/demo/york/site.yaml").read_text()
    (network_root / "fidelity/demo/york/site.yaml").write_text(text.replace("initial-implementation", "closed"))
    (demo,) = report(network_root).playbooks
    assert [s.overdue for s in demo.sites if s.site.id == "york"] == [False]


def test_an_anchored_component_takes_its_weakest_items_level() -> None:
    ratings = {i: Rating(i, score=s) for i, s in zip(IDS, (5, 4, 5, 3, 5, 2, 5, 5))}
    score = score_audit(playbook(ANCHORED), audit(ratings))
    # A 4 is expected on 1-5 (never only the top score); 3 developmental; F1's 2 is below its minimum of 3.
    assert component_levels(score) == {"lead": "expected", "rhythm": "developmental", "safety": "unacceptable"}


def test_an_unknown_playbook_is_named_with_the_ones_there_are(network_root: Path) -> None:
    with pytest.raises(SpreadError, match=r"^there is no playbook `demos` in playbooks/: the playbooks here are `demo`$"):
        network_report(load_network(network_root), "demos", TODAY)


def test_a_broken_audit_is_left_out_of_the_report_and_named(run: Run, demo: Path) -> None:
    write(demo / "fidelity/demo/leeds/audits/2026-Q3.yaml", "site: leeds\nratings: [unclosed\n")
    result = run("report", "--repo", demo)
    assert result.exit_code == 0
    assert result.stderr == ("Note: 1 file with problems is left out of this report "
                             "(`fidelity/demo/leeds/audits/2026-Q3.yaml`): run `spread check` to see what to fix.\n")
    assert "Note:" not in run("report", "--repo", demo, "--format", "json").stdout
