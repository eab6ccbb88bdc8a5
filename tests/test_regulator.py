"""An external regulator's rating recorded beside the self-rating (issue 20): checked against the playbook's
regulator and its words, shown on the site page and the dashboard beside the self-rated band, old past the
playbook's limit, never part of the fidelity score, and classified by `spread playbook diff`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import MINIMAL_PLAYBOOK, Run, write
from spread.handbook.dashboard import dashboard_page
from spread.handbook.site import site_page
from spread.model.regulator import Regulator, RegulatorRating, standing
from spread.network.repo import load_network
from spread.report.rollup import playbook_report
from spread.versions.regulator import diff_regulator

SITE = "fidelity/demo/leeds/site.yaml"
CQC = """regulator:
  name: Care Quality Commission
  short: CQC
  url: https://www.cqc.org.uk
  ratings: [outstanding, good, requires improvement, inadequate]
  stale_after: 24
"""
RATINGS = """regulator_ratings:
  - {rating: requires improvement, date: 2023-05-02}
  - {rating: good, date: 2025-01-20, report: "https://www.cqc.org.uk/location/1-000000001"}
"""


def regulated(root: Path, ratings: str = RATINGS, playbook: str = CQC) -> None:
    write(root / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + playbook)
    site = root / SITE
    site.write_text(site.read_text() + ratings)


def problems(run: Run, root: Path, today: str = "2026-08-01") -> list[str]:
    result = run("check", "--repo", root, "--today", today)
    return [line for line in result.stdout.splitlines() if "[regulator-" in line]


def test_ratings_in_the_regulators_words_on_real_days_are_clean(run: Run, demo: Path) -> None:
    regulated(demo)
    result = run("check", "--repo", demo, "--today", "2026-08-01")
    assert result.exit_code == 0 and "regulator" not in result.stdout, result.output


def test_a_rating_the_regulator_does_not_give_is_named_with_the_close_one(run: Run, demo: Path) -> None:
    regulated(demo, RATINGS.replace("rating: good", "rating: goood").replace("requires improvement", "excellent"))
    assert problems(run, demo) == [
        f"{SITE}:13:14: error: `excellent` is not one of the CQC ratings the playbook lists: use `outstanding`, `good`, "
        "`requires improvement` or `inadequate` [regulator-rating-unknown]",
        f"{SITE}:14:14: error: `goood` is not one of the CQC ratings the playbook lists: did you mean `good`? "
        "[regulator-rating-unknown]"]


def test_a_rating_from_the_future_is_refused(run: Run, demo: Path) -> None:
    regulated(demo, RATINGS.replace("2025-01-20", "2026-08-02"))
    assert problems(run, demo) == [
        f"{SITE}:14:26: error: the rating is dated 2026-08-02, after today (2026-08-01): give the day it was "
        "published [regulator-date-future]"]


def test_ratings_need_a_regulator_in_the_playbook(run: Run, demo: Path) -> None:
    regulated(demo, playbook="")
    assert problems(run, demo) == [
        f"{SITE}:12:1: error: this site records a regulator's ratings, but version 1.0.0 of `demo` names no "
        "regulator: add `regulator:` (its name and rating words) to the playbook, or remove `regulator_ratings` "
        "[regulator-none]"]


def test_the_latest_rating_grows_old_on_the_playbooks_clock(run: Run, demo: Path) -> None:
    regulated(demo)
    assert problems(run, demo, "2027-01-19") == []
    assert problems(run, demo, "2027-01-20") == [
        f"{SITE}:14:26: warning: the latest CQC rating (good, 2025-01-20) is 2 years old, past the 24 months the "
        "playbook allows: record the newer rating if there is one; the handbook shows this one as old "
        "[regulator-rating-old]"]


def test_standing_is_the_latest_by_date_whatever_the_order() -> None:
    cqc = Regulator("Care Quality Commission", ("good", "inadequate"), stale_after=12)
    ratings = (RegulatorRating("good", "2025-03-01", 0), RegulatorRating("inadequate", "2024-01-01", 1))
    now = standing(cqc, ratings, date(2026, 2, 28))
    assert now is not None and (now.rating.rating, now.months, now.stale) == ("good", 11, False)
    now = standing(cqc, ratings, date(2026, 3, 1))
    assert now is not None and (now.months, now.stale) == (12, True)
    assert standing(cqc, (), date(2026, 3, 1)) is None


def test_pages_show_the_rating_beside_the_band_and_not_in_the_score(demo: Path) -> None:
    before = load_network(demo, cache=False)
    pb = before.playbooks["demo"]
    score_before = playbook_report(before, pb, date(2026, 8, 1)).sites[0].score
    regulated(demo)
    network = load_network(demo, cache=False)
    pb = network.playbooks["demo"]
    report = playbook_report(network, pb, date(2026, 8, 1))
    status = report.sites[0]
    assert status.score == score_before  # the regulator's rating never enters the fidelity score
    page = site_page(status, network.site_audits(status.site), pb, pb.title)
    assert ('<dt>CQC rating</dt><dd><a href="https://www.cqc.org.uk/location/1-000000001" rel="noopener noreferrer">Good, 20 January 2025</a> '
            "(the Care Quality Commission's own rating, not part of the fidelity score)</dd>") in page
    assert "The Care Quality Commission rated it good on 20 January 2025." in page
    dashboard = dashboard_page(report, date(2026, 8, 1))
    assert "<th>Band</th><th>Review</th><th>CQC rating</th><th>Score</th>" in dashboard
    assert '<a href="https://www.cqc.org.uk/location/1-000000001" rel="noopener noreferrer">Good, 20 January 2025</a></td>' in dashboard
    old = playbook_report(network, pb, date(2027, 3, 1))
    assert ('Good, 20 January 2025</a> <strong class="spread-stale">old: 2 years</strong></td>'
            in dashboard_page(old, date(2027, 3, 1)))
    page = site_page(old.sites[0], network.site_audits(status.site), pb, pb.title)
    assert "rated it good on 20 January 2025, 2 years ago: an old rating." in page


def test_a_site_not_yet_rated_says_so(demo: Path) -> None:
    regulated(demo, ratings="")
    network = load_network(demo, cache=False)
    pb = network.playbooks["demo"]
    status = playbook_report(network, pb, date(2026, 8, 1)).sites[0]
    assert "<dt>CQC rating</dt><dd>Not rated by the Care Quality Commission yet</dd>" in site_page(
        status, network.site_audits(status.site), pb, pb.title)


def test_diff_classifies_changes_to_the_regulator() -> None:
    cqc = Regulator("Care Quality Commission", ("outstanding", "good", "requires improvement", "inadequate"), "CQC")
    changes = [*diff_regulator(None, cqc), *diff_regulator(cqc, None),
               *diff_regulator(cqc, Regulator(cqc.name, cqc.ratings[:3], "CQC", "https://www.cqc.org.uk", 24))]
    assert [(c.rule, c.bump) for c in changes] == [
        ("regulator-added", "minor"), ("regulator-removed", "major"), ("regulator-ratings-changed", "major"),
        ("regulator-age-changed", "minor"), ("regulator-wording", "patch")]
    assert changes[2].message == ("CQC's rating words are now outstanding, good, requires improvement (were "
                                  "outstanding, good, requires improvement, inadequate): sites' recorded ratings must "
                                  "be reviewed.")


def test_the_report_gives_each_sites_latest_rating_and_its_age_on_the_reports_day(run: Run, demo: Path) -> None:
    """Beside the bands, never in them; old on the playbook's clock (2 years here) for the day asked, from the
    same kept summary (the second run reads the report cache)."""
    regulated(demo)
    write(demo / "fidelity/demo/york/site.yaml", (demo / SITE).read_text().replace("id: leeds", "id: york")
          .replace("name: Demo Leeds", "name: Demo York").split("regulator_ratings:")[0])
    for today, age in (("2026-08-01", "18 months"), ("2027-01-20", "old: 2 years")):
        for _ in range(2):
            result = run("report", "--repo", demo, "--today", today)
            assert result.exit_code == 0, result.output
            assert (f"\nCare Quality Commission ratings, the regulator's own (not part of the fidelity score; old "
                    f"after 2 years):\n  Site   Rating         Day         Age\n"
                    f"  leeds  good           2025-01-20  {age}\n  york   not rated yet\n") in result.stdout
    data = json.loads(run("report", "--repo", demo, "--today", "2027-01-20", "--format", "json").stdout)
    assert data["playbooks"][0]["regulator"] == {
        "name": "Care Quality Commission", "old_after_months": 24, "sites": [
            {"site": "leeds", "rating": "good", "date": "2025-01-20",
             "report": "https://www.cqc.org.uk/location/1-000000001", "age_months": 24, "old": True},
            {"site": "york", "rating": None, "date": None, "report": None, "age_months": None, "old": None}]}


def test_a_report_on_a_playbook_without_a_regulator_says_nothing_of_ratings(run: Run, demo: Path) -> None:
    result = run("report", "--repo", demo, "--today", "2026-08-01")
    assert "ratings" not in result.stdout
    data = json.loads(run("report", "--repo", demo, "--today", "2026-08-01", "--format", "json").stdout)
    assert "regulator" not in data["playbooks"][0]
