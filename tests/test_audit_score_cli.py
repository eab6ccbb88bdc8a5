"""`spread audit score`, driven through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, Run, write
from test_measures_check import FIGURES, MEASURES

LEEDS_Q2 = """\
demo 1.0.0 · site leeds · 2026-Q2
Band: adequate (50–80%), from a self-audit — Most components are in place; some need coaching.
Total: 3 of 4 (75%), mean 1.50 per item, 2 of 2 items rated.

Weakest items, and what the next level up looks like
  Meets regularly: developmental
      now (developmental): Meets monthly.
      next (expected): Meets every fortnight.

No earlier audit to compare with.
"""


def audit(demo: Path, period: str, text: str = MINIMAL_AUDIT, site: str = "leeds") -> Path:
    text = text.replace("2026-Q2", period).replace("2026-07-10", "2026-10-10")
    return write(demo / f"fidelity/demo/{site}/audits/{period}.yaml", text.replace("site: leeds", f"site: {site}"))


def test_a_sites_latest_audit_is_scored_as_a_plain_report(run: Run, demo: Path) -> None:
    result = run("audit", "score", "demo/leeds", "--repo", demo)
    assert result.exit_code == 0, result.output
    assert result.output == LEEDS_Q2


def test_an_audit_file_a_site_folder_and_a_name_inside_the_repository_agree(run: Run, demo: Path) -> None:
    site = demo / "fidelity/demo/leeds"
    assert run("audit", "score", site / "audits/2026-Q2.yaml").output == LEEDS_Q2
    assert run("audit", "score", site).output == LEEDS_Q2
    assert run("audit", "score", "demo/leeds", cwd=site).output == LEEDS_Q2


def test_explain_shows_the_arithmetic(run: Run, demo: Path) -> None:
    result = run("audit", "score", "demo/leeds", "--repo", demo, "--explain")
    assert result.output.endswith(
        "How this was worked out\n"
        "  Rated 2 of 2 items.\n"
        "  Total 3 = peer-led 2 (expected) + regular 1 (developmental)\n"
        "  Maximum 4 = 2 items × 2\n"
        "  Mean 1.50 = 3 / 2 items\n"
        "  Percent of maximum 75% = 3 / 4\n"
        "  75% is in band adequate (50–80)\n")


def test_the_change_since_the_previous_audit_is_shown(run: Run, demo: Path) -> None:
    audit(demo, "2026-Q3", MINIMAL_AUDIT.replace("level: developmental", "level: expected"))
    result = run("audit", "score", "demo/leeds", "--repo", demo)
    assert "Band: high (80–100%), from a self-audit — Delivered as designed, consistently." in result.output
    assert "Change since 2026-Q2: total +1, +25 percentage points, band adequate → high.\n" in result.output
    older = run("audit", "score", demo / "fidelity/demo/leeds/audits/2026-Q2.yaml")
    assert older.output == LEEDS_Q2


def test_json_has_the_numbers_flags_goals_and_change(run: Run, demo: Path) -> None:
    audit(demo, "2026-Q3", MINIMAL_AUDIT.replace("level: expected", "level: unacceptable"))
    result = run("audit", "score", "demo/leeds", "--repo", demo, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {k: data[k] for k in ("site", "period", "review", "complete", "total", "maximum", "percent", "band")} == {
        "site": "leeds", "period": "2026-Q3", "review": "self", "complete": True, "total": 1, "maximum": 4, "percent": 25,
        "band": "low"}
    assert data["critical_breaches"] == ["peer-led"] and data["below_minimum"] == ["peer-led"]
    assert data["goals"] == {"met": 0, "count": 0, "reported": 0, "areas": [], "results": []}
    assert data["change"] == {"since": "2026-Q2", "previous_version": "1.0.0", "total": -2, "percent_points": -50,
                              "band_before": "adequate", "band_after": "low"}
    assert data["path"] == "fidelity/demo/leeds/audits/2026-Q3.yaml"
    assert data["explain"][1] == "Total 1 = peer-led 0 (unacceptable) + regular 1 (developmental)"


def test_fail_under_passes_at_the_band_and_fails_below_it(run: Run, demo: Path) -> None:
    assert run("audit", "score", "demo/leeds", "--repo", demo, "--fail-under", "adequate").exit_code == 0
    result = run("audit", "score", "demo/leeds", "--repo", demo, "--fail-under", "high")
    assert result.exit_code == 1
    assert result.output.endswith("Error: --fail-under high: the band is adequate, below high\n")


def test_fail_under_an_unknown_band_is_a_wrong_invocation(run: Run, demo: Path) -> None:
    result = run("audit", "score", "demo/leeds", "--repo", demo, "--fail-under", "great")
    assert result.exit_code == 2
    assert "`great` is not a band of demo 1.0.0: use one of low, adequate, high" in result.output


def test_an_incomplete_audit_has_no_band_and_fails_any_fail_under(run: Run, demo: Path) -> None:
    audit(demo, "2026-Q3", MINIMAL_AUDIT.replace("{level: developmental, evidence: Met monthly in the summer.}",
                                                 "{not_rated: insufficient-data}"))
    result = run("audit", "score", "demo/leeds", "--repo", demo, "--fail-under", "low")
    assert result.exit_code == 1
    assert "Band: none, because the audit is incomplete (1 of 2 items rated), from a self-audit.\n" in result.output
    assert "Not rated\n  Meets regularly: insufficient-data\n" in result.output
    assert result.output.endswith("Error: --fail-under low: the audit has no band (1 of 2 items rated), so it cannot "
                                  "be at least low\n")


def test_an_audit_for_an_unknown_site_lists_its_problems(run: Run, demo: Path) -> None:
    path = audit(demo, "2026-Q2", site="york")
    result = run("audit", "score", path)
    assert result.exit_code == 1
    assert result.output.startswith(
        "fidelity/demo/york/audits/2026-Q2.yaml:1:7: error: there is no site.yaml in fidelity/demo/york/ for this "
        "audit: set the site up with `spread site new` [audit-site-unknown]\n")
    assert result.output.endswith("Error: fidelity/demo/york/audits/2026-Q2.yaml has 1 problem, so it cannot be "
                                  "scored yet: fix it and run the score again\n")


def test_an_audit_on_another_version_than_its_site_is_not_scored(run: Run, demo: Path) -> None:
    audit(demo, "2026-Q3", MINIMAL_AUDIT.replace("version: 1.0.0", "version: 2.0.0"))
    result = run("audit", "score", "demo/leeds", "--repo", demo)
    assert result.exit_code == 1
    assert ("fidelity/demo/leeds/audits/2026-Q3.yaml:2:31: error: this audit uses version 2.0.0, but the site is on "
            "1.0.0: use 1.0.0 [audit-version-ahead]") in result.output
    assert "[audit-version-unknown]" in result.output
    assert "has 2 problems, so it cannot be scored yet: fix them and run the score again" in result.output
    as_json = run("audit", "score", "demo/leeds", "--repo", demo, "--format", "json")
    assert [p["rule"] for p in json.loads(as_json.stdout)["problems"]] == ["audit-version-ahead",
                                                                          "audit-version-unknown"]


def test_an_unreadable_audit_shows_its_yaml_problem(run: Run, demo: Path) -> None:
    path = write(demo / "fidelity/demo/leeds/audits/2026-Q3.yaml", "site: leeds\nratings: [unclosed\n")
    result = run("audit", "score", path)
    assert result.exit_code == 1
    assert result.output.startswith("fidelity/demo/leeds/audits/2026-Q3.yaml:")
    assert "Traceback" not in result.output


def test_an_unknown_site_is_named_with_the_sites_there_are(run: Run, demo: Path) -> None:
    result = run("audit", "score", "demo/york", "--repo", demo)
    assert result.exit_code == 2
    assert result.output.endswith("Error: Invalid value for AUDIT|SITE: no site `demo/york` was found: name it as "
                                  "PLAYBOOK/SITE or give its folder (sites here: `demo/leeds`), or set a new one up "
                                  "with `spread site new`\n")
    assert run("audit", "score", "york", "--repo", demo).exit_code == 2


def test_a_site_can_be_named_by_its_id_alone(run: Run, demo: Path) -> None:
    by_id = run("audit", "score", "leeds", "--repo", demo)
    assert by_id.exit_code == 0, by_id.output
    assert by_id.output == run("audit", "score", "demo/leeds", "--repo", demo).output


def test_a_site_without_audits_says_how_to_start_one(run: Run, demo: Path) -> None:
    (demo / "fidelity/demo/leeds/audits/2026-Q2.yaml").unlink()
    result = run("audit", "score", "demo/leeds", "--repo", demo)
    assert result.exit_code == 1
    assert result.output == "Error: site `demo/leeds` has no self-audits yet: prepare one with `spread audit new`\n"


def test_a_target_that_is_neither_an_audit_nor_a_site_is_a_wrong_invocation(run: Run, demo: Path) -> None:
    result = run("audit", "score", "demo/leeds/extra", "--repo", demo)
    assert result.exit_code == 2
    assert "demo/leeds/extra is not an audit file or a site" in result.output
    site_file = run("audit", "score", demo / "fidelity/demo/leeds/site.yaml")
    assert site_file.exit_code == 2
    assert "is not a self-audit: audits live in fidelity/<playbook>/<site>/audits/<period>.yaml" in site_file.output


def test_a_site_id_that_two_playbooks_share_must_be_said_in_full(run: Run, demo: Path) -> None:
    other = demo / "playbooks/other/playbook.yaml"
    other.parent.mkdir()
    other.write_text((demo / "playbooks/demo/playbook.yaml").read_text().replace("id: demo", "id: other", 1))
    site = demo / "fidelity/other/leeds/site.yaml"
    site.parent.mkdir(parents=True)
    site.write_text((demo / "fidelity/demo/leeds/site.yaml").read_text().replace("id: demo", "id: other"))
    result = run("audit", "score", "leeds", "--repo", demo)
    assert result.exit_code == 2
    assert "several playbooks have a site `leeds`: say which, like `demo/leeds`" in result.output


def test_a_site_whose_latest_audit_is_broken_shows_its_problems_not_an_older_score(run: Run, demo: Path) -> None:
    write(demo / "fidelity/demo/leeds/audits/2026-Q3.yaml", "site: leeds\nratings: [unclosed\n")
    result = run("audit", "score", "demo/leeds", "--repo", demo)
    assert result.exit_code == 1
    assert result.output.startswith("fidelity/demo/leeds/audits/2026-Q3.yaml:")
    assert "2026-Q2" not in result.output


def test_the_periods_figures_and_voice_follow_the_score_with_their_change(run: Run, demo: Path) -> None:
    """As the report and the site page word them: a count of fewer than 5 people is not shown, a target is met or
    not in the measure's direction, each figure moves against the audit before, and participants who mostly
    disagree with a component the site rated expected raise a gap."""
    write(demo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + MEASURES)
    write(demo / "fidelity/demo/leeds/audits/2026-Q2.yaml", MINIMAL_AUDIT + FIGURES)
    later = FIGURES.replace("{count: 24}", "{count: 3}").replace("{count: 6}", "{count: 8}") \
        .replace("{mean: 58.5, n: 20}", "{mean: 61, n: 20}") \
        .replace("{agree: 12, not-sure: 4, disagree: 2}", "{agree: 2, not-sure: 4, disagree: 12}")
    audit(demo, "2026-Q3", MINIMAL_AUDIT + later)
    result = run("audit", "score", "demo/leeds", "--repo", demo)
    assert result.exit_code == 0, result.output
    assert result.output.split("band adequate (unchanged).\n", 1)[1] == """
Reach and outcomes in 2026-Q3 (a figure about fewer than 5 people is not shown):
  Measure                              Figure                 Change      Target
  People who came to a circle          fewer than 5
  Circles held                         8 sessions             up, better
  Confidence to manage diabetes (PAM)  61.00 points (n = 20)  up, better  target 60 points or more: met
  Members whose HbA1c fell             9 of 15 people (60%)   no change   target 50% or more: met

What participants said:
  Component        Site's level   Participants                      Gap
  Led by peers     expected       11% agree, 67% disagree (n = 18)  GAP
  Meets regularly  developmental  89% agree, 11% disagree (n = 18)
  gap: the site rated itself expected on Led by peers, but 67% of participants' answers disagree
"""
    data = json.loads(run("audit", "score", "demo/leeds", "--repo", demo, "--format", "json").stdout)
    people, sessions = data["figures"][:2]
    # Nothing of a suppressed figure is given, not even its change (which would tell which way it moved).
    assert (people["figure"], people["value"], people["n"], people["change"]) == ("fewer than 5", None, None, None)
    assert (sessions["value"], sessions["change"]) == (8, "up, better")
    assert [(v["component"], v["gap"]) for v in data["voice"]] == [("peer-led", True), ("regular", False)]


def test_an_audit_without_figures_says_nothing_of_them(run: Run, demo: Path) -> None:
    result = run("audit", "score", "demo/leeds", "--repo", demo)
    assert "Reach and outcomes" not in result.output and "participants" not in result.output
    data = json.loads(run("audit", "score", "demo/leeds", "--repo", demo, "--format", "json").stdout)
    assert (data["figures"], data["voice"]) == ([], [])
