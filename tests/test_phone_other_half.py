"""The other half of the phone sweep in test_phone.py: axe finds no serious or critical problem on the second,
fourth… page of the example handbook at 390 px, light and dark. A file of its own so that the suite's two workers,
each taking whole files, share the sweep."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from test_browser import browser, served  # noqa: F401  the browser tests' Chromium and web server
from test_phone import sweep

pytestmark = pytest.mark.slow


def test_axe_finds_nothing_serious_on_the_other_pages_on_a_phone_in_either_scheme(
        browser: Any, served: str, handbook: Path) -> None:  # noqa: F811
    sweep(browser, served, handbook, 1)
