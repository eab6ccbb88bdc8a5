"""Published instruments written as their manuals state them (issue 15), scored through the real CLI on the
fixtures in tests/fixtures/instruments/, each against figures worked by hand at its boundaries (the working is in
each audit file's comment)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import Run

FIXTURES = Path(__file__).parent / "fixtures" / "instruments"
TODAY = "2026-08-01"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES, tmp_path / "instruments"))


def score(run: Run, repo: Path, target: str, *more: str) -> str:
    result = run("audit", "score", target, "--repo", repo, *more)
    assert result.exit_code == 0, result.output
    return result.stdout


def data(run: Run, repo: Path, target: str) -> dict:
    return json.loads(score(run, repo, target, "--format", "json"))


def audit(repo: Path, playbook: str, period: str) -> str:
    return str(repo / "fidelity" / playbook / "north" / "audits" / f"{period}.yaml")


def test_every_kind_of_instrument_checks_clean(run: Run, repo: Path) -> None:
    result = run("check", "--repo", repo, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found.\n"


def test_goals_only_instrument_is_judged_by_goals_met_per_area(run: Run, repo: Path) -> None:
    text = score(run, repo, "home-visits/north", "--explain").splitlines()
    assert text[1] == ("Verdict: 3 of 6 goals met, from a self-audit (judged by its goals alone: the instrument rates "
                       "no items).")
    assert "Goals: 3 of 6 met (Recruitment 2 of 3, Retention 1 of 2, Dosage 0 of 1)" in text
    assert "  R2 Referrals accepted [Recruitment]: 75% (target ≥ 75%) — met" in text  # on the target: met
    assert "  T1 Left during pregnancy [Retention]: 10% (target ≤ 10%) — met" in text
    assert "  T2 Left during infancy [Retention]: 22% (target ≤ 20%) — not met" in text
    assert "  D1 Pregnancy visits delivered [Dosage]: no data (target ≥ 80%) — no data" in text
    assert "  I1 Average visit length: 72.5 (reported, no target)" in text
    assert "  I1: 72.5, reported with no target, so never judged" in text
    assert not any(line.startswith(("Band", "Total", "Weakest")) for line in text)
    found = data(run, repo, "home-visits/north")
    assert (found["band"], found["verdict"], found["complete"]) == (None, "3 of 6 goals met", True)
    assert found["goals"]["met"] == 3 and found["goals"]["count"] == 6 and found["goals"]["reported"] == 1
    assert found["goals"]["areas"] == [{"area": "Recruitment", "met": 2, "count": 3},
                                       {"area": "Retention", "met": 1, "count": 2},
                                       {"area": "Dosage", "met": 0, "count": 1}]
    informational = found["goals"]["results"][-1]
    assert (informational["value"], informational["verdict"], informational["op"]) == (72.5, "reported", None)


def test_readiness_check_anchored_only_at_its_ends(run: Run, repo: Path) -> None:
    text = score(run, repo, "ready-check/north").splitlines()
    assert text[1] == "Band: Nearly ready (60–79), from a self-audit"  # 79, the top of `nearly`
    assert "Total: 79 of 100 (79%), mean 7.90 per item, 10 of 10 items rated." in text
    assert "      now (5): between the anchors" in text
    assert "      next (10): Leaflets are in every GP surgery nearby." in text
    found = data(run, repo, "ready-check/north")
    assert (found["band"], found["band_label"], found["total"]) == ("nearly", "Nearly ready", 79)


def test_one_point_more_makes_the_readiness_check_ready(run: Run, repo: Path) -> None:
    path = Path(audit(repo, "ready-check", "2025"))
    path.write_text(path.read_text().replace("Q9: {score: 5}", "Q9: {score: 6}"))
    assert score(run, repo, "ready-check/north").splitlines()[1] == "Band: Ready to start (80–100), from a self-audit"


def test_minimums_alone_judge_with_no_band(run: Run, repo: Path) -> None:
    latest = score(run, repo, "job-floors/north", "--explain").splitlines()
    assert latest[1] == ("Verdict: every minimum met, from a self-audit (the instrument has no bands: its item "
                         "minimums judge).")
    assert "Change since 2025-H2: total -1, -7 percentage points, verdict below a minimum → every minimum met." in latest
    assert "  No bands: the item minimums judge. Every item is at or above its minimum." in latest
    assert not any("band" in line.lower() and "no bands" not in line.lower() for line in latest)
    earlier = score(run, repo, audit(repo, "job-floors", "2025-H2")).splitlines()
    assert earlier[1].startswith("Verdict: below a minimum, from a self-audit")
    assert "  J3 Length of support: 2, minimum 3" in earlier
    found = data(run, repo, "job-floors/north")
    assert (found["band"], found["verdict"], found["total"], found["maximum"]) == (None, "every minimum met", 10, 15)


def test_no_bands_to_fail_under(run: Run, repo: Path) -> None:
    result = run("audit", "score", "job-floors/north", "--repo", repo, "--fail-under", "good")
    assert result.exit_code == 2
    assert ("job-floors 1.0.0 has no bands to compare with: its verdict comes from its item minimums and goals, so "
            "leave out --fail-under") in result.output


def test_mixed_value_sets_and_half_points_summed_as_section_means(run: Run, repo: Path) -> None:
    on_the_cut = score(run, repo, audit(repo, "supported-work", "2025-H2"), "--explain").splitlines()
    assert on_the_cut[1] == "Band: Good fidelity (7–8.5), from an independent review"  # 4.5 + 2.5 = 7 exactly
    assert ("Total (the sum of the sections' means): 7 of 8.5 (82%), mean 3.30 per item, 5 of 5 items rated."
            in on_the_cut)
    assert "  Total 7 = the sum of the sections' mean item scores: Staffing 4.50 + Services 2.50" in on_the_cut
    assert "  Section Services: total 7.5 = V1 4 + V2 2.5 + V3 1; mean 2.50 = 7.5 / 3" in on_the_cut
    below = score(run, repo, "supported-work/north").splitlines()
    assert below[1] == "Band: Fair fidelity (5–7), from an independent review"  # 4.25 + 8/3 = 83/12
    assert "Total (the sum of the sections' means): 6.92 of 8.5 (81%), mean 3.30 per item, 5 of 5 items rated." in below
    found = data(run, repo, "supported-work/north")
    assert (found["band"], found["band_label"], found["total"], found["maximum"]) == ("fair", "Fair fidelity", 6.92, 8.5)
    assert [s["mean"] for s in found["sections"]] == [4.25, 2.67]


def test_a_score_off_an_items_value_set_is_refused(run: Run, repo: Path) -> None:
    path = Path(audit(repo, "supported-work", "2026-H1"))
    path.write_text(path.read_text().replace("S2: {score: 4}", "S2: {score: 3}").replace("V1: {score: 4}",
                                                                                         "V1: {score: 4.5}"))
    result = run("check", "--repo", repo, "--today", TODAY)
    assert result.exit_code == 1
    shown = "fidelity/supported-work/north/audits/2026-H1.yaml"
    assert (f"{shown}:12:15: error: S2 is scored 3, which is not one of its scores: give a `score` of 1 or 4 "
            "[audit-score-off-scale]") in result.stdout.splitlines()
    assert (f"{shown}:13:15: error: V1 is scored 4.5, which is not one of its scores: give a `score` from 1 to 5 "
            "[audit-score-off-scale]") in result.stdout.splitlines()


def test_banded_on_the_exact_mean_never_shown_as_the_cut_off(run: Run, repo: Path) -> None:
    below = score(run, repo, "mean-bands/north").splitlines()
    assert below[1] == "Band: Below the model (1–3), from a self-audit"  # 59 / 20 = 2.95 < 3
    assert "Total: 59 of 100 (59%), mean 2.95 per item, 20 of 20 items rated." in below  # one place would say 3.0
    on_the_cut = score(run, repo, audit(repo, "mean-bands", "2024")).splitlines()
    assert on_the_cut[1] == "Band: Fair (3–4), from a self-audit"  # 60 / 20 = 3, the higher band takes it
    assert "Total: 60 of 100 (60%), mean 3.0 per item, 20 of 20 items rated." in on_the_cut
    assert data(run, repo, "mean-bands/north")["mean"] == 2.95


def test_the_report_counts_verdicts_and_published_band_names(run: Run, repo: Path) -> None:
    result = run("report", "--repo", repo, "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "1 site. Verdicts at the latest audit: 3 of 6 goals met: 1." in lines
    # A verdict of goals met reads with its areas, as on the site's page, and the JSON and CSV forms give them too.
    assert any(line.startswith("north  1.0.0    2025        3 of 6 goals met (Recruitment 2 of 3, Retention 1 of 2, "
                               "Dosage 0 of 1)  self") for line in lines), lines
    assert "1 site. Verdicts at the latest audit: every minimum met: 1." in lines
    # A goals-only instrument rates no component, so the report says so rather than list them all as "no rating".
    home = lines[lines.index("1 site. Verdicts at the latest audit: 3 of 6 goals met: 1."):]
    components = home[home.index("Each core component at the sites' latest audits:") + 1]
    assert components == ("  This programme's instrument judges its goals, not its core components one by one, so "
                          "there are no component levels to show: each site's goals met are with its latest audit.")
    assert "1 site. Bands at the latest audit: Not Supported Employment 0, Fair fidelity 1, Good fidelity 0." in lines
    found = json.loads(run("report", "--repo", repo, "--today", TODAY, "--format", "json").stdout)
    playbooks = {pb["id"]: pb for pb in found["playbooks"]}
    assert playbooks["job-floors"]["bands"] == {"every minimum met": 1}
    assert playbooks["job-floors"]["sites"][0]["band"] == "every minimum met"
    assert playbooks["supported-work"]["bands"] == {"not_se": 0, "fair": 1, "good": 0}
    assert playbooks["home-visits"]["sites"][0]["goals_by_area"] == ["Recruitment 2 of 3", "Retention 1 of 2",
                                                                     "Dosage 0 of 1"]
    assert playbooks["job-floors"]["sites"][0]["goals_by_area"] == []
    table = run("report", "--repo", repo, "--today", TODAY, "--format", "csv").stdout.splitlines()
    header = table[0].lstrip("\ufeff").split(",")
    home = next(row for row in table if row.startswith("home-visits,"))
    assert home.split(",")[header.index("goals_by_area")] == "Recruitment 2 of 3; Retention 1 of 2; Dosage 0 of 1"
    # Nothing to choose is said, not left as an empty heading.
    after = lines[lines.index("1 site. Verdicts at the latest audit: 3 of 6 goals met: 1."):]
    chose = after.index("What sites chose, most common first (the learning loop):")
    assert after[chose + 1] == ("  nothing to choose: the playbook has no local components, and no site has changed a "
                                "core component")


def test_audit_new_offers_each_items_own_scores(run: Run, repo: Path) -> None:
    typed = "3.25\n3.50\n\n\n2\n4\n\n\n4\n\n\n2.5\n\n\n1\n\n\n\n\n\n2025-07-01\n\n\n\n"
    result = run("audit", "new", "supported-work/north", "--interactive", "--today", "2025-07-05", "--period", "2025-H1",
                 input=typed, cwd=repo)
    assert result.exit_code == 0, result.output
    assert "  1.5–4.5 = between the anchors" in result.stdout.splitlines()
    assert ('Error: "3.25" is not a score of this item: type one of 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, or skip'
            in result.stdout)
    assert 'Error: "2" is not a score of this item: type one of 1, 4, or skip' in result.stdout
    text = (repo / "fidelity/supported-work/north/audits/2025-H1.yaml").read_text()
    assert "  S1:\n    score: 3.5  # 1 to 5 in half points\n" in text  # typed `3.50`
    assert "  S2:\n    score: 4  # 1 or 4\n" in text
    assert "  #   1.5–2.5 = between the anchors\n  #   3 = Around 30.\n" in text
    scored = score(run, repo, str(repo / "fidelity/supported-work/north/audits/2025-H1.yaml"), "--format", "json")
    found = json.loads(scored)
    # Staffing (3.5 + 4) / 2 = 3.75; Services (4 + 2.5 + 1) / 3 = 2.5; 6.25, in `fair`.
    assert (found["total"], found["band"]) == (6.25, "fair")


def test_goals_only_template_checks_once_filled_in(run: Run, repo: Path) -> None:
    result = run("audit", "new", "home-visits/north", "--period", "2026", "--today", "2027-02-05", cwd=repo)
    assert result.exit_code == 0, result.output
    path = repo / "fidelity/home-visits/north/audits/2026.yaml"
    text = path.read_text()
    assert "ratings: {}  # this instrument rates no items\n" in text
    assert "  # I1 · Average visit length: reported, no target\n  #   minutes per completed visit\n  I1:\n    value:\n" in text
    path.write_text(text.replace("completed:  # the date you finish (YYYY-MM-DD)", "completed: 2027-01-20"))
    checked = run("check", "--repo", repo, "--today", "2027-02-05")
    assert checked.exit_code == 0, checked.output
