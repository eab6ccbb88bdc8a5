"""An adopter's words (`adopter.noun`) are user text: on the list of sites they are Markdown-escaped like a title,
so words shaped like a link never become one (the hostile-corpus build found `javascript:` links there)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import edit_playbook
from spread.handbook import paths
from spread.handbook.generate import Inputs, pages
from spread.network.repo import load_network

NOUN = "[ambulance service](javascript:alert(1))"


def test_adopter_words_on_the_sites_page_are_text_not_markdown(example: Path) -> None:
    edit_playbook(example, "first-responders", "  noun: ambulance service\n", f'  noun: "{NOUN}"\n')
    page = pages(load_network(example), date(2026, 11, 15), Inputs(site_name="Example"))[
        paths.sites("first-responders")]
    body = page.split("\n---\n", 1)[1]  # the front matter's title is a YAML string, never Markdown
    intro = next(line for line in body.splitlines() if line.startswith("Every "))
    assert "javascript" in intro and "](javascript" not in intro and "[ambulance" not in intro  # text, never a link
