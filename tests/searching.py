"""Searching a built handbook in Chromium, whichever engine built it: Material's search box is in the page;
Zensical's search is a dialog in a shadow root, opened by its button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_SHADOW = ("const found = [];"
           "for (const e of document.querySelectorAll('*')) if (e.shadowRoot)"
           "  for (const a of e.shadowRoot.querySelectorAll('a[role=option]')) found.push(a.{});"
           "return found;")


def results(session: Any, engine: str, what: str = "href") -> list[str]:
    """Each search result's address (`href`) or its HTML (`innerHTML`), as shown now."""
    from selenium.webdriver.common.by import By

    if engine == "zensical":
        return list(session.execute_script(_SHADOW.format(what)))
    return [a.get_attribute(what) for a in session.find_elements(By.CSS_SELECTOR, ".md-search-result__link")]


def search(session: Any, engine: str, words: str) -> Callable[[Any], list[str]]:
    """Type `words` into the open page's search; returns how to read the results' addresses."""
    from selenium.webdriver.common.by import By

    if engine == "zensical":
        session.find_element(By.CSS_SELECTOR, ".md-search__button").click()
        session.switch_to.active_element.send_keys(words)
    else:
        box = session.find_element(By.CSS_SELECTOR, "input.md-search__input")
        box.click()
        box.send_keys(words)
    return lambda s: results(s, engine)
