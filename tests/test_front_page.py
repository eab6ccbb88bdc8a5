"""The commissioner's front page, the dashboards' reach and outcomes, the site pages' figures and participants'
view, in headless Chromium on the built example handbook: every figure is the report functions' own, every link
on the front page leads to a page and anchor that exist, and every CSV download is the bytes `spread report` prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import HANDBOOK_TODAY, Run
from spread.handbook.front import breaches, chased, current
from spread.handbook.paths import csv_file
from spread.handbook.words import STAGES
from spread.network.repo import load_network
from spread.report.figures import sites_of
from spread.report.outcomes import across, gaps, reached
from spread.report.rollup import network_report
from test_browser import browser, served  # noqa: F401  the browser tests' Chromium and web server

pytestmark = pytest.mark.slow
TODAY = date.fromisoformat(HANDBOOK_TODAY)


def texts(browser: Any, selector: str) -> list[str]:  # noqa: F811
    from selenium.webdriver.common.by import By

    return [" ".join(e.text.split()) for e in browser.find_elements(By.CSS_SELECTOR, selector)]


@pytest.fixture(scope="module")
def reports(handbook: Path) -> Any:
    return network_report(load_network(handbook), None, TODAY).playbooks


def test_the_front_page_shows_the_network_at_a_glance(browser: Any, served: str, reports: Any) -> None:  # noqa: F811
    browser.get(served + "index.html")
    body = " ".join(texts(browser, "article"))
    assert "As of 15 November 2026." in body
    due = chased(list(reports))
    fresh = sum(current(s) for s in due)
    assert f"Sites with a current self-audit: {fresh} of {len(due)} ({round(100 * fresh / len(due))}%)" in body
    named = [s.site.name for s in breaches(list(reports))]
    assert f"Sites with a critical breach at their latest audit: {len(named)}" in body and len(named) >= 2
    assert all(name in body for name in named)
    diabetes = next(r for r in reports if r.playbook.id == "peer-diabetes")
    total = reached(sites_of(diabetes), "2026", 5)
    assert total.shown("people") == "at least 165 people"  # Swansea's third quarter, about fewer than 5, left out
    assert "People who joined a circle at least 165 people" in body
    rows = texts(browser, "#outcomes ~ div table tr, #outcomes ~ table tr")
    for a in across(diabetes.playbook, sites_of(diabetes), "outcome"):
        assert any(a.measure.name in row and a.pooled in row for row in rows), (a.pooled, rows)
    present = [stage for stage in STAGES if any(s.site.stage == stage for r in reports for s in r.sites)]
    counts = " ".join(str(sum(s.site.stage == stage for s in diabetes.sites)) for stage in present)
    stages = [row for row in texts(browser, "table tr") if row.startswith("Peer support circles")]
    assert stages[0] == f"{diabetes.playbook.title} {counts} {len(diabetes.sites)}"


def test_every_link_on_the_front_page_leads_somewhere(browser: Any, served: str) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(served + "index.html")
    section = browser.find_element(By.ID, "at-a-glance")
    links = [a.get_attribute("href") for a in section.find_elements(By.XPATH, "following::a")
             if "/downloads/" in (a.get_attribute("href") or "") or "dashboard" in (a.get_attribute("href") or "")
             or "/sites/" in (a.get_attribute("href") or "")]
    assert len(links) >= 15
    for href in dict.fromkeys(links):
        browser.get(href)
        fragment = urlsplit(href).fragment
        if href.endswith(".csv"):
            continue
        assert browser.find_elements(By.TAG_NAME, "h1"), href
        if fragment:
            assert browser.find_elements(By.ID, fragment), href


@pytest.mark.parametrize(("playbook", "table"), [(None, "sites"), (None, "figures"), (None, "voice"),
                                                 ("peer-diabetes", "sites"), ("peer-diabetes", "figures"),
                                                 ("shared-lives", "voice")])
def test_csv_downloads_are_the_reports_bytes(run: Run, handbook: Path, playbook: str | None, table: str) -> None:
    args = [*([playbook] if playbook else []), "--repo", handbook, "--today", HANDBOOK_TODAY, "--format", "csv",
            *(["--table", table] if table != "sites" else [])]
    printed = run("report", *args).stdout_bytes
    assert (handbook / "site" / csv_file(playbook, table)).read_bytes() == printed


def test_the_dashboard_links_its_downloads_and_charts_fidelity_against_outcomes(
        browser: Any, served: str, reports: Any) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(served + "playbooks/peer-diabetes/dashboard.html")
    hrefs = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".spread-downloads a")]
    assert [urlsplit(h).path.rsplit("/", 1)[1] for h in hrefs] == [
        "peer-diabetes-sites.csv", "peer-diabetes-figures.csv", "peer-diabetes-voice.csv"]
    diabetes = next(r for r in reports if r.playbook.id == "peer-diabetes")
    for a in across(diabetes.playbook, sites_of(diabetes), "outcome"):
        chart = browser.find_element(By.ID, f"outcome-peer-diabetes-{a.measure.id}-desc")
        published = [f for _, f in a.sites if f.number is not None]
        assert chart.get_attribute("textContent").count("fidelity") == len(published)
        table = browser.find_element(By.XPATH, f"//*[@id='outcome-{a.measure.id}']/following::table[1]")
        beside = " ".join(table.text.split())
        for _, figure in a.sites:  # each site's figure, suppressed or not, in the table beside the chart
            assert figure.shown in beside, (figure.shown, beside)
    names = {s.site.id: s.site.name for s in diabetes.sites}
    listed = browser.find_element(By.XPATH, "//*[@id='participant-gaps']/following::ul[1]")
    assert [" ".join(li.text.split()) for li in listed.find_elements(By.TAG_NAME, "li")] == [
        f"{names[site]}: {v.title}: rated {v.level} by the site, {v.shown}" for site, v in gaps(sites_of(diabetes))]


def test_the_site_page_shows_participants_beside_its_levels_and_flags_the_gap(
        browser: Any, served: str, reports: Any) -> None:  # noqa: F811
    diabetes = next(r for r in reports if r.playbook.id == "peer-diabetes")
    lambeth = next(s for s in diabetes.sites if s.site.id == "lambeth")
    browser.get(served + "playbooks/peer-diabetes/sites/lambeth.html")
    rows = texts(browser, "table tr")
    for voice in lambeth.measures.voice:
        assert any(row.startswith(voice.title) and voice.shown in row for row in rows), voice
    (warning,) = [t for t in texts(browser, ".admonition") if "Participants disagree" in t]
    assert "gap: the site rated itself expected on Circles meet regularly with a steady membership, but 62% of " \
           "participants' answers disagree" in warning
    for measure_id, figure in lambeth.measures.latest().items():
        assert any(figure.shown in row for row in rows), measure_id
    browser.get(served + "playbooks/peer-diabetes/sites/swansea.html")
    assert any("fewer than 5 answered" in row for row in texts(browser, "table tr"))
