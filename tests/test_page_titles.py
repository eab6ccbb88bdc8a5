"""Each page's title, as the browser shows it in its tab, names the page and the handbook once each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from test_browser import PAGES, browser, served  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_title_repeats_itself(browser: Any, served: str, handbook: Path, kind: str) -> None:  # noqa: F811
    browser.get(served + PAGES[kind])
    title = browser.title
    parts = title.split(" - ")
    assert len(parts) == len(set(parts)), title
    assert parts[-1] == "Spread example handbook"
    if kind == "home":
        assert title == "Spread example handbook"
