"""Meaning at a glance, on the example handbook in headless Chromium: one ordered band palette everywhere, told apart
with red-green colour blindness and always with its word; incomplete audits as gaps; flags by component name with a
link; a critical breach on the band itself; site pages placed by a breadcrumb and a Sites index in the navigation,
with the site's own checklist; labels from the playbook's and the site file's words, never made from ids."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from spread.network.repo import load_network
from test_browser import browser, served  # noqa: F401  the browser tests' Chromium and web server

pytestmark = pytest.mark.slow

# Machado, Oliveira and Fernandes (2009), full-severity deuteranopia, on linear RGB.
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(int(n) / 255 for n in re.findall(r"\d+", css)[:3])


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _seen(rgb: tuple[float, ...], matrix: Any = None) -> tuple[float, ...]:
    lin = [_linear(c) for c in rgb]
    return tuple(sum(m * c for m, c in zip(row, lin, strict=True)) for row in matrix) if matrix else tuple(lin)


def _luminance(rgb: tuple[float, ...]) -> float:
    r, g, b = _seen(rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_one_ordered_palette_told_apart_without_red_green_and_always_with_its_word(
        browser: Any, served: str) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(served + "playbooks/peer-diabetes/dashboard.html")
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.spread-svg rect.spread-bar")
    labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "svg.spread-svg text.spread-bar-label")]
    steps = [b.get_attribute("class").split()[1] for b in bars]
    assert labels == ["Exemplary", "Good", "Fair", "Not the model", "Out of date"]  # best first, each with its word
    assert steps == ["spread-step-4", "spread-step-3", "spread-step-1", "spread-step-0", "spread-step-none"]
    fills = [_rgb(b.value_of_css_property("fill")) for b in bars[:4]]
    for n, a in enumerate(fills):  # every band distinct from every other for someone without red-green vision
        for b in fills[n + 1:]:
            assert sum((x - y) ** 2 for x, y in zip(_seen(a, DEUTERANOPIA), _seen(b, DEUTERANOPIA))) ** 0.5 > 0.1
    # The same band is the same step of the palette on the badge in the sites table as on its bar.
    badges = {b.text.replace("⚠", "").strip(): b.get_attribute("class").split()[1]
              for b in browser.find_elements(By.CSS_SELECTOR, ".spread-pinned .spread-band")}
    assert badges["Exemplary"] == "spread-step-4" and badges["Good"] == "spread-step-3"
    # The heat map: unacceptable is the worst step, expected the best, with its word and symbol in the cell.
    cells = browser.find_elements(By.CSS_SELECTOR, ".spread-heatmap td[class^='spread-step']")
    seen = {c.text: c.get_attribute("class") for c in cells}
    assert seen["✓ Expected"] == "spread-step-4" and seen.get("✗ Unacceptable", "spread-step-0") == "spread-step-0"
    assert all(c.text.strip() for c in cells)
    light = [_luminance(_rgb(c.value_of_css_property("background-color"))) for c in cells]
    assert min(light) > 0.3  # shades light enough behind dark text


def test_an_incomplete_audit_is_a_gap_in_the_line_not_a_point_at_zero(browser: Any, served: str) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(served + "playbooks/peer-diabetes/sites/lambeth.html")
    chart = browser.find_element(By.CSS_SELECTOR, "figure.spread-chart svg")
    periods = [t.text for t in chart.find_elements(By.CSS_SELECTOR, "text.spread-period")]
    gap = chart.find_element(By.CSS_SELECTOR, "text.spread-gap")
    assert gap.text == "no score"
    points = chart.find_elements(By.CSS_SELECTOR, "rect.spread-point")
    assert len(points) == len(periods) - 1  # every audit but the incomplete one has a point
    zero = chart.find_elements(By.CSS_SELECTOR, "line.spread-grid")[0].get_attribute("y1")
    assert all(float(p.get_attribute("y")) + 6 != float(zero) for p in points)  # none sits on the 0% line
    gap_x = gap.get_attribute("x")
    for line in chart.find_elements(By.CSS_SELECTOR, "line.spread-line"):  # no segment passes over the gap
        x1, x2 = (float(line.get_attribute(a).rstrip("%")) for a in ("x1", "x2"))
        assert not x1 < float(gap_x.rstrip("%")) < x2
    words = [t.text for t in chart.find_elements(By.CSS_SELECTOR, "text.spread-word")]
    assert len(words) == len(points) and all(words)  # each point's band in words


def test_flags_name_components_and_link_to_them_and_a_breach_marks_the_band(
        browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    from conftest import HANDBOOK_TODAY
    from spread.report.rollup import playbook_report

    network = load_network(handbook)
    report = playbook_report(network, network.playbooks["first-responders"], date.fromisoformat(HANDBOOK_TODAY))
    powys = next(s for s in report.sites if s.site.id == "powys")
    assert powys.score is not None and powys.score.breaches  # the example's breached site
    component = powys.score.breaches[0].item.component
    title = powys.score.titles[component]
    browser.get(served + "playbooks/first-responders/dashboard.html")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, ".spread-pinned:not(.spread-heatmap) tbody tr")
               if r.find_element(By.TAG_NAME, "a").get_attribute("href").endswith("/sites/powys.html"))
    flags = row.find_elements(By.TAG_NAME, "td")[-1]
    assert f"Critical breach: {title}" in flags.text and component not in flags.text
    link = flags.find_element(By.LINK_TEXT, title)
    assert link.get_attribute("href").endswith(f"/playbooks/first-responders/index.html#core-{component}")
    badge = row.find_element(By.CSS_SELECTOR, ".spread-band")
    assert "spread-breach" in badge.get_attribute("class") and badge.text.startswith("⚠ ")
    assert badge.value_of_css_property("border-top-style") == "double"
    browser.get(link.get_attribute("href"))
    assert browser.find_element(By.ID, f"core-{component}").text.startswith(title)
    for page in ("playbooks/peer-diabetes/dashboard.html", "playbooks/first-responders/dashboard.html"):
        browser.get(served + page)
        text = browser.find_element(By.CSS_SELECTOR, "article").text
        assert not re.search(r"(?i)(critical breach|below (the )?minimum): [a-z0-9]+-[a-z0-9-]+", text), page


def test_a_site_page_is_placed_by_a_breadcrumb_and_reached_from_the_navigation(
        browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    network = load_network(handbook)
    browser.get(served + "index.html")
    nav = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "nav.md-nav--primary a")]
    assert not [href for href in nav if "/sites/" in href]  # no site itself: the navigation stays small
    index = next(href for href in nav if href.endswith("/playbooks/peer-diabetes/sites.html"))
    browser.get(index)
    listed = {a.text for a in browser.find_elements(By.CSS_SELECTOR, ".spread-pinned tbody a")}
    assert listed == {s.name for (pid, _), s in network.sites.items() if pid == "peer-diabetes"}
    browser.find_element(By.LINK_TEXT, network.sites[("peer-diabetes", "leeds")].name).click()
    trail = browser.find_element(By.CSS_SELECTOR, "nav.spread-crumbs[aria-label='Breadcrumb']")
    crumbs = [li.text.replace("›", "").strip() for li in trail.find_elements(By.TAG_NAME, "li")]
    assert crumbs == [network.playbooks["peer-diabetes"].title, "Network dashboard", "Sites",
                      network.sites[("peer-diabetes", "leeds")].name]
    assert [a.get_attribute("href").rsplit("/", 1)[1] for a in trail.find_elements(By.TAG_NAME, "a")] == [
        "index.html", "dashboard.html", "sites.html"]
    assert trail.find_element(By.CSS_SELECTOR, "[aria-current='page']").text == crumbs[-1]


def test_the_site_page_carries_its_own_checklist(browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    from spread.adopt.steps import site_steps

    network = load_network(handbook)
    site = network.sites[("peer-diabetes", "leeds")]
    runs = network.playbook_version("peer-diabetes", site.version)
    assert runs is not None
    steps = site_steps(runs, site.stage)
    browser.get(served + "playbooks/peer-diabetes/sites/leeds.html")
    heading = browser.find_element(By.ID, "this-sites-checklist")
    section = heading.find_element(By.XPATH, "following-sibling::ul[1]")
    assert [li.text.split(":")[0].removesuffix(" (critical)") for li in section.find_elements(By.TAG_NAME, "li")] == [
        k.title for k in steps.keep]
    ticks = browser.find_elements(By.CSS_SELECTOR, "ul.spread-ticks li")
    assert [t.text[0] for t in ticks] == ["☑" if stage.done else "☐" for stage in steps.stages for _ in stage.steps]
    assert any(stage.done for stage in steps.stages) and "(where this site is now)" in browser.find_element(
        By.CSS_SELECTOR, "article").text


def test_labels_come_from_words_never_from_ids(browser: Any, served: str) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(served + "playbooks/first-responders/sites/powys.html")
    record = browser.find_element(By.CSS_SELECTOR, "article").text
    assert "(an NHS organisation)" in record or "(a local authority)" in record
    assert "(nhs)" not in record and "(local authority)" not in record
    for page in ("playbooks/peer-diabetes/sites/swansea.html", "playbooks/peer-diabetes/dashboard.html",
                 "playbooks/peer-diabetes/index.html"):
        browser.get(served + page)
        assert "Bilingual welsh english" not in browser.find_element(By.CSS_SELECTOR, "article").text


def test_field_names_never_break_mid_word_and_the_home_page_names_itself_once(
        browser: Any, served: str) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    try:
        browser.set_window_size(390, 844)
        for page in ("reference/playbook-file.html", "reference/site-file.html", "reference/audit-file.html"):
            browser.get(served + page)
            lines = browser.execute_script("return [...document.querySelectorAll('.spread-fields td:first-child "
                                           "code')].map(c => c.getClientRects().length)")
            assert lines and set(lines) == {1}, page
    finally:
        browser.set_window_size(1280, 1600)
    browser.get(served + "index.html")
    name = browser.find_element(By.CSS_SELECTOR, ".md-header__topic .md-ellipsis").text
    shown = [e for e in browser.find_elements(By.XPATH, f"//*[normalize-space(text())='{name}']") if e.is_displayed()]
    assert len(shown) == 2  # the header and the page's own heading; the sidebar does not say it a third time
