"""Trends mark a change of playbook version instead of claiming the scores on either side compare."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import Run
from spread.handbook import charts, paths
from spread.handbook.generate import Inputs, pages
from spread.network.repo import load_network
from spread.report.text import BREAK_NOTE
from test_browser import browser, served  # noqa: F401  (fixtures: the browser tests' Chromium and web server)


def test_the_chart_breaks_its_line_at_a_new_version_and_says_so() -> None:
    points = [charts.Point("2026-Q1", 70, "Good", "70%", "1.0.0"), charts.Point("2026-Q2", 75, "Good", "75%", "1.0.0"),
              charts.Point("2026-Q3", 60, "Fair", "60%", "2.0.0"), charts.Point("2026-Q4", 65, "Fair", "65%", "2.0.0")]
    svg = charts.trend("t", "Trend", points)
    # One segment within each version, none across the rule at the change (half-way: 12% + 86% * 2/4).
    assert svg.count('<line class="spread-line"') == 2
    assert '<line class="spread-line" x1="22.75%" y1="84" x2="44.25%" y2="75"/>' in svg
    assert svg.count('<line class="spread-break" x1="55%" x2="55%"') == 1
    assert '<text class="spread-version" x="55%" dx="4" y="14">2.0.0</text>' in svg
    assert ("<desc id=\"t-desc\">2026-Q1: 70%, Good; 2026-Q2: 75%, Good; version 2.0.0 from 2026-Q3: not comparable "
            "with before; 2026-Q3: 60%, Fair; 2026-Q4: 65%, Fair</desc>") in svg
    one = charts.trend("t", "Trend", [charts.Point(p.label, p.value, p.note, p.shown, "1.0.0") for p in points])
    assert one.count('<line class="spread-line"') == 3 and "spread-break" not in one


def test_the_site_page_no_longer_claims_versions_compare(example: Path) -> None:
    page = pages(load_network(example), date(2026, 11, 15), Inputs(site_name="Example"))[
        paths.site("peer-diabetes", "leeds")]
    assert "can be compared" not in page
    assert ("A new version of the playbook may rate other items and band them differently, so the line breaks where "
            "the version changes: scores on either side are not comparable.") in page
    assert ("<figcaption>Score at each audit, as a percentage of the maximum on version 1.0.0: 2025-Q4: 73% (good, "
            "guided self-audit); 2026-Q1: 80% (good, self-audit); version 2.0.0 from 2026-Q2: not comparable with "
            "before; 2026-Q2: 80%") in page


def test_the_report_marks_the_break_in_the_trend_and_says_what_it_means(run: Run, example: Path) -> None:
    out = run("report", "peer-diabetes", "--repo", example, "--today", "2026-11-15").stdout
    leeds = next(line for line in out.splitlines() if line.startswith("leeds "))
    assert leeds.endswith("  73 → 80 | 80 → 90")
    assert BREAK_NOTE in out.splitlines()
    single = run("report", "code-club", "--repo", example, "--today", "2026-11-15").stdout
    assert BREAK_NOTE not in single


@pytest.mark.slow
def test_in_a_browser_stale_sites_are_counted_and_marked_and_a_new_version_breaks_the_line(
        request: pytest.FixtureRequest) -> None:
    """On the example network's built handbook (as of 2026-11-15): Boston's 2023 audit is years old, so the home
    page's card counts it as out of date, not high, and the dashboard's heat map marks its row; Leeds's chart stops
    its line where version 2.0.0 begins."""
    from selenium.webdriver.common.by import By

    session: Any = request.getfixturevalue("browser")
    home: str = request.getfixturevalue("served")
    session.get(home)
    card = next(li.text for li in session.find_elements(By.CSS_SELECTOR, ".spread-cards li")
                if "Alerting the nearest verified responders" in li.text)
    assert "Latest audits: 2 high, 1 low, 1 out of date" in card, card
    session.get(home + "playbooks/first-responders/dashboard.html")
    row = session.find_element(By.CSS_SELECTOR, ".spread-heatmap tr.spread-out-of-date")
    assert row.find_element(By.TAG_NAME, "td").text.splitlines() == [
        "East Fens Ambulance Service", "out of date: last audit 2023, 2 years ago"]
    session.get(home + "playbooks/peer-diabetes/sites/leeds.html")
    chart = session.find_element(By.CSS_SELECTOR, "svg.spread-svg")
    # Four audits, two on each version: one segment on each side of the rule, none across it.
    assert len(chart.find_elements(By.CSS_SELECTOR, "line.spread-line")) == 2
    assert chart.find_element(By.CSS_SELECTOR, "text.spread-version").text == "2.0.0"
    assert "version 2.0.0 from 2026-Q2: not comparable with before" in \
        session.find_element(By.CSS_SELECTOR, "figure.spread-chart figcaption").text
