"""The example handbook printed by headless Chromium (A4, Chrome's own printToPDF): a self-audit checklist prints as a
cover and at most one page per two items, no item split across pages or parted from its heading, with room to write;
a site page prints its summary alone on the first page."""

from __future__ import annotations

import base64
import io
import itertools
import math
import re
from pathlib import Path
from typing import Any

import pytest

from test_browser import browser, served  # noqa: F401  the browser tests' Chromium and web server

pytestmark = pytest.mark.slow

CM = 96 / 2.54  # CSS pixels in a centimetre


def printed(browser: Any, url: str) -> list[str]:  # noqa: F811
    """The page printed to PDF on A4, as the text of each printed page."""
    from pypdf import PdfReader
    from selenium.webdriver.common.print_page_options import PrintOptions

    browser.get(url)
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    pdf = PdfReader(io.BytesIO(base64.b64decode(browser.print_page(options))))
    return [" ".join(page.extract_text().split()) for page in pdf.pages]


def checklists(handbook: Path) -> list[str]:
    return sorted(p.relative_to(handbook / "site").as_posix()
                  for p in (handbook / "site/playbooks").glob("*/audit-checklist-*.html"))


def test_a_checklist_prints_as_a_cover_and_at_most_one_page_per_two_items(
        browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    measured = {}
    for page in checklists(handbook):
        pages = printed(browser, served + page)
        names = [h.get_attribute("textContent").replace("¶", "").strip()
                 for h in browser.find_elements(By.CSS_SELECTOR, ".spread-item > :is(h2, h3)")]
        assert names, page
        measured[page] = (len(names), len(pages))
        assert len(pages) <= math.ceil(len(names) / 2) + 1, f"{page}: {len(names)} items on {len(pages)} pages"
        assert "Self-audit checklist" in pages[0] and not any(name in pages[0] for name in names)  # the cover
        for name in names:  # each item whole on one page: its heading, its levels, its boxes to write in
            on = [n for n, text in enumerate(pages) if name in text]
            assert len(on) == 1, f"{page}: {name} is on pages {on}"
            after = pages[on[0]][pages[on[0]].index(name):]
            assert "Evidence and where it comes from" in after and "Could not be rated, because:" in after
    assert measured["playbooks/peer-diabetes/audit-checklist-2.0.0.html"] == (10, 6)


def test_a_checklist_has_room_to_write_and_its_headings_go_down_one_level_at_a_time(
        browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    for page in checklists(handbook):
        browser.get(served + page)
        levels = browser.execute_script("return [...document.querySelectorAll('.md-content h1, .md-content h2, "
                                        ".md-content h3, .md-content h4')].map(h => +h.tagName[1])")
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), (page, levels)
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            boxes = browser.execute_script(
                "return [...document.querySelectorAll('.spread-item')].map(item => [...item.children]"
                ".filter(c => c.classList.contains('spread-write')).map(c => c.getBoundingClientRect().height))")
        finally:
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        for evidence, reason in boxes:  # the evidence box, then the box after "Could not be rated, because:"
            assert evidence >= 2 * CM and reason >= 0.9 * CM, (page, evidence / CM, reason / CM)


@pytest.mark.parametrize("site", ["first-responders/sites/powys", "peer-diabetes/sites/leeds",
                                  "peer-diabetes/sites/lambeth"])
def test_a_printed_site_page_starts_with_its_summary_alone(browser: Any, served: str, site: str) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    pages = printed(browser, f"{served}playbooks/{site}.html")
    name = browser.find_element(By.TAG_NAME, "h1").text
    summary = " ".join(browser.find_element(By.CSS_SELECTOR, "dl.spread-summary").get_attribute("textContent").split())
    first = pages[0]
    assert first.startswith(name) and "Adoption record" in first
    for term in ("Band", "Score", "Flags", "Action plan"):
        assert term in summary
    assert re.sub(r"[^\w%]", "", summary) in re.sub(r"[^\w%]", "", first)  # the whole summary, on the first page
    latest = browser.find_element(By.CSS_SELECTOR, "h2[id^='latest']").text if browser.find_elements(
        By.CSS_SELECTOR, "h2[id^='latest']") else "Fidelity over time"
    assert latest.replace("¶", "").strip() not in first and pages[1].startswith(latest.replace("¶", "").strip())
