"""Time is checked: an audit rates a period that is over, finished on a real day after it; a stale audit is out of
date, never counted in its band. On a copy of the example network, through the real command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Run
from spread.handbook import paths
from spread.handbook.generate import Inputs, pages
from spread.model import periods
from spread.network.repo import load_network

COUNCIL = "fidelity/user-voice/hallam-moor/audits"  # a quarterly playbook
Q3 = f"{COUNCIL}/2026-Q3.yaml"


def _check(run: Run, root: Path, today: str, rel: str = Q3) -> list[str]:
    """The problems `spread check --today` finds in one audit."""
    result = run("check", "--repo", root, "--today", today, "--no-cache")
    return [line for line in result.stdout.splitlines() if line.startswith(f"{rel}:")]


def _audit_for(root: Path, period: str, completed: str | None) -> str:
    """Hallam Moor's 2026-Q3 audit, filed again for another period and completion day (None: no `completed:` line)."""
    text = (root / Q3).read_text().replace("period: 2026-Q3", f"period: {period}")
    text = text.replace("completed: 2026-10-13\n", f"completed: {completed}\n" if completed else "")
    rel = f"{COUNCIL}/{period}.yaml"
    (root / rel).write_text(text)
    return rel


def test_an_audit_of_a_period_that_has_not_ended_is_refused(run: Run, example: Path) -> None:
    rel = _audit_for(example, "2027-Q1", None)
    result = run("check", "--repo", example, "--today", "2026-12-06")
    assert result.exit_code == 1
    assert (f"{rel}:6:9: error: the period 2027-Q1 has not ended yet (its last day is 2027-03-31): rate a period "
            "once it is over; the latest that has ended is 2026-Q3 [audit-period-not-ended]") in result.stdout


@pytest.mark.parametrize(("today", "ended"), [("2026-09-30", False), ("2026-10-01", True)])
def test_a_period_ends_after_its_last_day(run: Run, example: Path, today: str, ended: bool) -> None:
    (example / Q3).write_text((example / Q3).read_text().replace("completed: 2026-10-13", f"completed: {today}"))
    problems = _check(run, example, today)
    expected = [] if ended else [f"{Q3}:6:9: error: the period 2026-Q3 has not ended yet (its last day is 2026-09-30): "
                                 "rate a period once it is over; the latest that has ended is 2026-Q2 "
                                 "[audit-period-not-ended]"]
    assert problems == expected


def test_an_audit_without_a_completed_date_is_refused(run: Run, example: Path) -> None:
    (example / Q3).write_text((example / Q3).read_text().replace("completed: 2026-10-13\n", ""))
    assert _check(run, example, "2026-12-06") == [
        f"{Q3}:6:1: error: the audit of 2026-Q3 has no `completed` date: add the day it was finished (YYYY-MM-DD), on "
        "or after 2026-09-30, when the period ended [audit-completed-missing]"]


def test_an_empty_completed_date_is_refused_where_it_is(run: Run, example: Path) -> None:
    (example / Q3).write_text((example / Q3).read_text().replace("completed: 2026-10-13", "completed:"))
    assert _check(run, example, "2026-12-06") == [
        f"{Q3}:8:11: error: the audit of 2026-Q3 has no `completed` date: add the day it was finished (YYYY-MM-DD), "
        "on or after 2026-09-30, when the period ended [audit-completed-missing]"]


@pytest.mark.parametrize(("completed", "today", "expected"), [
    ("2026-09-29", "2026-12-06", "the audit was completed on 2026-09-29, before the period 2026-Q3 ended (2026-09-30): "
     "rate practice once the period is over, and give the day you finished [audit-completed-early]"),
    ("2026-09-30", "2026-12-06", None),
    ("2026-10-12", "2026-10-12", None),
    ("2026-10-12", "2026-10-11", "the audit is marked completed on 2026-10-12, which is after today (2026-10-11): use "
     "the date it was finished [audit-completed-future]"),
])
def test_the_completed_date_falls_between_the_period_end_and_today(run: Run, example: Path, completed: str, today: str,
                                                                   expected: str | None) -> None:
    (example / Q3).write_text((example / Q3).read_text().replace("completed: 2026-10-13", f"completed: {completed}"))
    assert _check(run, example, today) == ([f"{Q3}:8:12: error: {expected}"] if expected else [])


def test_the_example_network_passes_on_its_own_dates(run: Run, example: Path) -> None:
    result = run("check", "--repo", example, "--today", "2026-11-15")
    assert result.exit_code == 0, result.output


def test_a_check_on_another_day_does_not_reuse_the_results_kept_for_today(run: Run, example: Path) -> None:
    assert run("check", "--repo", example, "--today", "2026-11-15").exit_code == 0
    late = run("check", "--repo", example, "--today", "2026-10-13")
    assert "[audit-completed-future]" in late.stdout and late.exit_code == 1
    assert run("check", "--repo", example, "--today", "2026-11-15").exit_code == 0


@pytest.mark.parametrize(("period", "today", "months", "words"), [
    ("2025-Q4", date(2027, 3, 1), 14, "14 months"),
    ("2025-Q4", date(2027, 2, 28), 13, "13 months"),
    ("2026-Q3", date(2026, 10, 31), 0, "less than a month"),
    ("2026-Q3", date(2026, 11, 1), 1, "1 month"),
    ("2023", date(2026, 12, 6), 35, "2 years"),
    ("2027-Q1", date(2026, 12, 6), 0, "less than a month"),
])
def test_the_age_of_an_audit_in_whole_months(period: str, today: date, months: int, words: str) -> None:
    assert periods.months_since(period, today) == months
    assert periods.age_words(months) == words


def _report(run: Run, root: Path, today: str, fmt: str = "text") -> str:
    result = run("report", "--repo", root, "--today", today, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


def _leeds_line(report: str) -> str:
    return next(line for line in report.splitlines() if line.startswith("leeds "))


def test_an_audit_turns_out_of_date_when_the_next_one_is_due(run: Run, demo: Path) -> None:
    # 2026-Q2's audit; 2026-Q3 ends on 30 September and is due 45 days later, on 14 November.
    before = _report(run, demo, "2026-11-13")
    assert "Bands at the latest audit: low 0, adequate 1, high 0." in before
    assert "out of date" not in _leeds_line(before)
    after = _report(run, demo, "2026-11-14")
    assert "Bands at the latest audit: low 0, adequate 0, high 0, out of date 1." in after
    assert _leeds_line(after).endswith("out of date: last audit 2026-Q2, 4 months ago (2026-Q3 due)")


def test_out_of_date_in_json_and_csv_with_the_audits_age(run: Run, demo: Path) -> None:
    data = json.loads(_report(run, demo, "2027-09-01", "json"))
    playbook = data["playbooks"][0]
    site = playbook["sites"][0]
    assert playbook["bands"] == {"low": 0, "adequate": 0, "high": 0, "out of date": 1}
    assert (site["band"], site["overdue"], site["audit_due"]) == ("adequate", True, "2027-Q2")
    assert (site["out_of_date"], site["audit_age_months"]) == (True, 14)
    rows = list(csv.DictReader(io.StringIO(_report(run, demo, "2027-09-01", "csv").lstrip("\ufeff"))))
    assert (rows[0]["out_of_date"], rows[0]["audit_age_months"], rows[0]["overdue"]) == ("yes", "14", "yes")
    fresh = json.loads(_report(run, demo, "2026-08-01", "json"))["playbooks"][0]["sites"][0]
    assert (fresh["out_of_date"], fresh["audit_age_months"]) == (False, None)


def test_a_paused_site_is_not_chased_but_its_old_score_is_still_out_of_date(run: Run, demo: Path) -> None:
    site = demo / "fidelity/demo/leeds/site.yaml"
    site.write_text(site.read_text().replace("stage: installation", "stage: paused"))
    line = _leeds_line(_report(run, demo, "2026-12-01"))
    assert line.endswith("out of date: last audit 2026-Q2, 5 months ago") and "due" not in line


def test_a_years_old_high_never_counts_as_high(run: Run, example: Path) -> None:
    data = json.loads(_report(run, example, "2026-11-15", "json"))
    responders = next(p for p in data["playbooks"] if p["id"] == "first-responders")
    boston = next(s for s in responders["sites"] if s["site"] == "boston")
    assert (boston["last_audit"], boston["band"], boston["out_of_date"], boston["audit_age_months"]) == \
        ("2023", "high", True, 34)
    counted = [s["band"] for s in responders["sites"] if not s["out_of_date"]]
    assert responders["bands"]["high"] == counted.count("high") and responders["bands"]["out of date"] == 1
    text = _report(run, example, "2026-11-15")
    assert "out of date: last audit 2023, 2 years ago (2025 due)" in next(
        line for line in text.splitlines() if line.startswith("boston "))


def test_the_handbook_counts_and_marks_an_out_of_date_site(demo: Path) -> None:
    network = load_network(demo)
    stale = pages(network, date(2026, 11, 14), Inputs(site_name="Demo"))
    fresh = pages(network, date(2026, 11, 13), Inputs(site_name="Demo"))
    assert "**Latest audits:** 1 adequate" in fresh[paths.HOME]
    assert "**Latest audits:** 1 out of date" in stale[paths.HOME]
    dashboard = stale[paths.dashboard("demo")]
    assert ('<tr class="spread-out-of-date"><td><a href="sites/leeds.html">Demo Leeds</a><br><span class="spread-stale">'
            "out of date: last audit 2026-Q2, 4 months ago</span></td>") in dashboard
    assert "| Out of date | 1 |" in dashboard and "| Adequate | 0 |" in dashboard
    assert '<span class="spread-band spread-step-none">Out of date</span> (was Adequate)' in dashboard
    assert "spread-out-of-date" not in fresh[paths.dashboard("demo")]
    site = stale[paths.site("demo", "leeds")]
    assert "<strong>out of date</strong>: the latest audit, 2026-Q2, is 4 months old, and the audit for 2026-Q3 is " \
           "not in yet" in site
    assert "It is out of date (4 months old): it shows what the site last showed, not its practice now." in site
