"""The example handbook on a phone (390 px wide), in the dark scheme and opened from its folder, in headless Chromium:
axe finds no serious or critical problem on any page, chart text never drops below 12 px, wide tables scroll inside
a focusable, labelled region with the site's column pinned, and the 404 page is styled from file://."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_browser import AXE, SEARCH_INDEX, SETTLED, browser, served  # noqa: F401  the browser tests' Chromium and web server

pytestmark = pytest.mark.slow

PHONE = (390, 844)
SERIOUS = ("serious", "critical")
DARK_RULES = ("color-contrast", "link-in-text-block")


def every_page(handbook: Path) -> list[str]:
    site = handbook / "site"
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts)


@functools.cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@contextlib.contextmanager
def axe_in_every_page(browser: Any) -> Iterator[None]:  # noqa: F811
    """Chromium puts axe in each page it opens (sending its half a megabyte to each page cost a second under load)."""
    added = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": axe_source()})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


def axe(browser: Any, rules: tuple[str, ...] = ()) -> list[str]:  # noqa: F811
    """Axe's serious and critical violations on the page, every rule or only `rules` (axe is put in the page unless
    it is there already)."""
    if not browser.execute_script("return typeof axe === 'object' && typeof axe.run === 'function'"):
        browser.execute_script(axe_source())
    only = f"runOnly: {list(rules)}, " if rules else ""
    found = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{{only}resultTypes: ['violations']}})"
        ".then(r => done(r.violations.map(v => [v.impact, v.id, v.help, v.nodes.slice(0, 3).map(n => n.target.join(' '))])))"
        ".catch(e => done([['critical', 'axe-error', String(e), []]]));")
    return [f"{impact}: {rule} — {what} at {where}" for impact, rule, what, where in found if impact in SERIOUS]


def sweep(browser: Any, served: str, handbook: Path, half: int) -> None:  # noqa: F811
    """Axe on every other page (`half` 0: the first, third…; 1: the second, fourth…), light then dark: the two halves
    are tests in two files (this one and test_phone_other_half.py), so that the suite's two workers share the sweep,
    its longest test by far (about 290 s alone)."""
    pages = every_page(handbook)
    assert len(pages) > 40
    pages = pages[half::2]
    problems = []
    try:
        browser.set_window_size(*PHONE)
        # Speed, the end state unchanged: Material drops its transitions for a reader who asks for less motion, so a
        # scheme change shows its colours at once (0.3 s a page less), and no page loads the search index, which
        # only the search box reads (test_browser searches), while axe measures.
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                {"media": "", "features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": SEARCH_INDEX})
        with axe_in_every_page(browser):
            for page in pages:
                browser.get(served + page)
                browser.execute_async_script(SETTLED)
                problems += [f"{page} (light): {p}" for p in axe(browser)]
                # Material's dark scheme changes colours only, so only the rules about colour can find anything new.
                browser.execute_script("document.body.setAttribute('data-md-color-scheme', 'slate')")
                browser.execute_async_script(SETTLED)
                problems += [f"{page} (dark): {p}" for p in axe(browser, DARK_RULES)]
    finally:
        browser.set_window_size(1280, 1600)
    assert not problems, "\n".join(problems)


def test_axe_finds_nothing_serious_on_any_page_on_a_phone_in_either_scheme(
        browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    sweep(browser, served, handbook, 0)


def test_chart_text_is_never_below_12px_on_a_phone(browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    """Measured as drawn: the font size times however much the chart is scaled to fit."""
    measured: dict[str, float] = {}
    try:
        browser.set_window_size(*PHONE)
        for page in every_page(handbook):
            if "/sites/" not in page and not page.endswith("dashboard.html"):
                continue
            browser.get(served + page)
            sizes = browser.execute_script(
                "return [...document.querySelectorAll('svg.spread-svg text')].map(t => {"
                " const svg = t.ownerSVGElement, box = svg.viewBox.baseVal;"
                " const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;"
                " return parseFloat(getComputedStyle(t).fontSize) * scale; })")
            if sizes:
                measured[page] = min(sizes)
            width = browser.execute_script("return Math.max(...[...document.querySelectorAll('svg.spread-svg')]"
                                           ".map(s => s.getBoundingClientRect().right), 0)")
            assert width <= PHONE[0], f"{page}: a chart runs off the screen ({width} px)"
    finally:
        browser.set_window_size(1280, 1600)
    assert len(measured) >= 25  # every site with an audit, and every dashboard
    small = {page: size for page, size in measured.items() if size < 12}
    assert not small, small


def test_wide_tables_scroll_in_a_labelled_focusable_region_with_the_site_pinned(
        browser: Any, served: str) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    try:
        browser.set_window_size(*PHONE)
        browser.get(served + "playbooks/peer-diabetes/dashboard.html")
        heat = browser.find_element(By.CSS_SELECTOR, ".spread-heatmap .md-typeset__scrollwrap")
        assert heat.get_attribute("tabindex") == "0" and heat.get_attribute("role") == "region"
        assert heat.get_attribute("aria-label") == "Table: Core components at each site"
        assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth + 100", heat)
        first = heat.find_element(By.CSS_SELECTOR, "tbody tr td:first-child")
        other = heat.find_element(By.CSS_SELECTOR, "tbody tr td:nth-child(3)")
        before = first.rect["x"], other.rect["x"]
        browser.execute_script("arguments[0].focus()", heat)
        assert browser.execute_script("return document.activeElement === arguments[0]", heat)
        browser.execute_script("arguments[0].scrollLeft = 250", heat)
        after = first.rect["x"], other.rect["x"]
        # The rest moves by the scroll; the site's name stays at the region's left edge.
        assert after[1] < before[1] - 200 and abs(after[0] - heat.rect["x"]) < 1 and before[0] - after[0] < 20
        assert first.value_of_css_property("position") == "sticky"
        sites = browser.find_element(By.CSS_SELECTOR, ".spread-pinned:not(.spread-heatmap) .md-typeset__scrollwrap")
        assert sites.get_attribute("aria-label") == "Table: Sites" and sites.get_attribute("tabindex") == "0"
    finally:
        browser.set_window_size(1280, 1600)


def test_the_404_page_is_styled_when_opened_from_the_folder(browser: Any, handbook: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get((handbook / "site/404.html").as_uri())
    header = browser.find_element(By.CSS_SELECTOR, ".md-header")
    assert header.value_of_css_property("position") == "sticky"  # Material's stylesheet has loaded
    assert browser.find_element(By.TAG_NAME, "h1").text == "Page not found"
    home = browser.find_element(By.LINK_TEXT, "home page").get_attribute("href")
    assert home == (handbook / "site/index.html").as_uri()
    assert not axe(browser)
