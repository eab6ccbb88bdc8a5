"""The fixture instruments (tests/fixtures/instruments/) published and read in headless Chromium: each page says
what the scoring module worked out, at the same boundaries the CLI tests pin, and shows each instrument as its
manual states it (unanchored scores as such, published band names, goals per area, a figure with no target, no
band where the instrument has none); and axe finds no serious accessibility problem on the new kinds of page."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import GIT_ENV
from spread.cli import cli
from test_browser import AXE, Quiet, browser  # noqa: F401  the browser tests' Chromium

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures" / "instruments"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(shutil.copytree(FIXTURES, tmp_path_factory.mktemp("instruments") / "repo"))
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        patch.setenv("NO_COLOR", "1")
        result = CliRunner().invoke(cli, ["publish", "--repo", str(root), "--today", "2026-08-01"],
                                    catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def site(built: Path) -> Iterator[str]:
    handler = functools.partial(Quiet, directory=str(built / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def texts(browser: Any, selector: str) -> list[str]:  # noqa: F811
    from selenium.webdriver.common.by import By

    return [element.text for element in browser.find_elements(By.CSS_SELECTOR, selector)]


def rows(browser: Any, selector: str = "table tr") -> list[str]:  # noqa: F811
    return texts(browser, selector)


def test_goals_only_site_page_counts_goals_per_area(browser: Any, site: str) -> None:  # noqa: F811
    browser.get(site + "playbooks/home-visits/sites/north.html")
    (verdict,) = texts(browser, "p.spread-score")
    assert verdict == "Verdict: 3 of 6 goals met, from a self-audit."
    assert "Met by area: Recruitment 2 of 3, Retention 1 of 2, Dosage 0 of 1." in texts(browser, "p")
    table = rows(browser)
    assert "R2 · Referrals accepted Recruitment 75% ≥ 75% Met" in table
    assert "D1 · Pregnancy visits delivered Dosage no data ≥ 80% No data" in table
    assert "I1 · Average visit length 72.5 no target Reported, never judged" in table
    assert not any(line.startswith("Band") for line in texts(browser, "p"))


def test_goals_only_playbook_page_has_no_scale_and_no_bands(browser: Any, site: str) -> None:  # noqa: F811
    browser.get(site + "playbooks/home-visits/index.html")
    paragraphs = texts(browser, "p")
    assert ("This instrument rates no items: it is judged by its goals alone, reported as how many are met, overall "
            "and in each area.") in paragraphs
    assert "I1 · Average visit length minutes per completed visit No target: reported, never judged" in rows(browser)
    assert not any(row.startswith("Band ") for row in rows(browser))
    assert any("Latest audit Verdict Review" in row for row in rows(browser))
    assert any(row.endswith("2025 3 of 6 goals met Self-audit") for row in rows(browser))


def test_readiness_page_shows_the_unanchored_scores_as_such(browser: Any, site: str) -> None:  # noqa: F811
    browser.get(site + "playbooks/ready-check/index.html")
    table = rows(browser)
    assert "2–9 Developmental to expected Between the anchors" in table
    assert "Nearly ready 60–79" in table
    browser.get(site + "playbooks/ready-check/sites/north.html")
    (band,) = texts(browser, "p.spread-score")
    assert band == "Band: Nearly ready (60–79), from a self-audit. Score: 79 of 100 (79%)."
    browser.get(site + "playbooks/ready-check/audit-checklist-1.0.0.html")
    assert any(row.startswith("2–9 Between the anchors") for row in rows(browser))


def test_minimums_alone_show_a_verdict_and_count_no_band(browser: Any, site: str) -> None:  # noqa: F811
    browser.get(site + "playbooks/job-floors/sites/north.html")
    (verdict,) = texts(browser, "p.spread-score")
    assert verdict == "Verdict: Every minimum met, from a self-audit. Score: 10 of 15 (67%)."
    browser.get(site + "playbooks/job-floors/dashboard.html")
    table = rows(browser)
    assert "Every minimum met 1" in table
    assert not any(row.startswith(("Incomplete", "Low ", "High ")) for row in table)


def test_goals_only_dashboard_lists_no_component_as_not_rated(browser: Any, site: str) -> None:  # noqa: F811
    """A goals-only instrument rates no component: a heat map of "not rated" would read as sites that failed to rate."""
    browser.get(site + "playbooks/home-visits/dashboard.html")
    assert not texts(browser, ".spread-heatmap")
    assert not any("Not rated" in row for row in rows(browser))
    assert ("This programme's instrument judges its goals, not its core components one by one, so there are no "
            "component levels to show: each site's goals met are with its latest audit.") in texts(browser, "p")
    assert "Each component across the network" not in texts(browser, "h2")


def test_section_means_and_published_band_names(browser: Any, site: str) -> None:  # noqa: F811
    browser.get(site + "playbooks/supported-work/sites/north.html")
    (band,) = texts(browser, "p.spread-score")
    assert band == "Band: Fair fidelity (5–7), from an independent review. Score: 6.92 of 8.5 (81%)."
    browser.get(site + "playbooks/supported-work/index.html")
    table = rows(browser)
    assert "Not Supported Employment 0–5" in table
    assert "4.5 Between the anchors" not in table  # S1's half points between 3 and 5 are one run
    assert any(row.startswith("3.5–4.5 ") and row.endswith("Between the anchors") for row in table)


def test_mean_band_never_shown_as_its_cut_off(browser: Any, site: str) -> None:  # noqa: F811
    browser.get(site + "playbooks/mean-bands/sites/north.html")
    (band,) = texts(browser, "p.spread-score")
    assert band == "Band: Below the model (1–3), from a self-audit. Score: 59 of 100 (59%)."
    assert "Mean 2.95 = 59 / 20 items" in browser.page_source


@pytest.mark.parametrize("page", ["playbooks/home-visits/sites/north.html", "playbooks/supported-work/index.html",
                                  "playbooks/job-floors/dashboard.html"])
def test_no_serious_accessibility_problems(browser: Any, site: str, page: str) -> None:  # noqa: F811
    browser.get(site + page)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e)}]));")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, serious
