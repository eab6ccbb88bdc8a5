"""The built example handbook in headless Chromium tells the same story as the scores beneath it: a capped band
says so and names the breach on the site page, the dashboard and the home page's card, and the heat map's level
words are the scoring module's (Leeds, rated 4 and 5, is expected)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import HANDBOOK_TODAY
from spread.network.repo import load_network
from spread.report.rollup import component_levels, playbook_report
from test_browser import browser, served  # noqa: F401  the browser tests' Chromium and web server

pytestmark = pytest.mark.slow


def texts(browser: Any, selector: str) -> list[str]:  # noqa: F811
    from selenium.webdriver.common.by import By

    return [element.text for element in browser.find_elements(By.CSS_SELECTOR, selector)]


def test_a_capped_band_names_its_breach_wherever_it_is_shown(browser: Any, served: str) -> None:  # noqa: F811
    browser.get(served + "playbooks/first-responders/sites/powys.html")
    (band,) = texts(browser, "p.spread-score")
    assert band.startswith("Band: Low (0–50%), capped by a critical breach: Training is current")
    assert any(flag.startswith("Capped by a critical breach: Training is current; the score alone would be "
                               "Adequate.") for flag in texts(browser, ".admonition li"))
    browser.get(served + "playbooks/first-responders/dashboard.html")
    rows = [row for row in texts(browser, "table tr") if row.startswith("Mid Wales")]
    assert rows and "Low, capped by a critical breach: Training is current" in rows[0]
    browser.get(served + "index.html")
    card = next(c for c in texts(browser, ".spread-cards li") if "verified responders" in c.lower())
    assert "(1 capped by a critical breach)" in card


def test_the_heat_map_shows_the_scoring_modules_levels(browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    network = load_network(handbook)
    playbook = network.playbooks["peer-diabetes"]
    report = playbook_report(network, playbook, date.fromisoformat(HANDBOOK_TODAY))
    browser.get(served + "playbooks/peer-diabetes/dashboard.html")
    cells = {}
    for row in browser.find_elements(By.CSS_SELECTOR, ".spread-heatmap tbody tr"):
        name, *levels = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        # `✓ Expected`, then what participants say on a line of its own → `Expected`
        cells[name] = [level.splitlines()[0].split(" ", 1)[1] for level in levels]
    compared = 0
    for status in report.sites:
        if status.score is None or status.age is not None:
            continue
        levels = component_levels(status.score)
        assert cells[status.site.name] == [levels.get(c.id, "not rated").capitalize() for c in playbook.core]
        compared += 1
    assert cells["Peer Diabetes Circles Leeds"] == ["Expected"] * len(playbook.core)
    assert compared >= 3
