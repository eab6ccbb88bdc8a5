"""The playbook pages say how an audit is judged: what each score counts as, next to its anchor, the band a
critical breach caps at (declared or by default the lowest), and the rule for unrated items."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spread.handbook import paths
from spread.handbook.generate import Inputs, pages
from spread.network.repo import load_network


def test_playbook_pages_show_levels_beside_anchors_the_cap_and_the_rule_for_missing_data(example: Path) -> None:
    generated = pages(load_network(example), date(2026, 11, 15), Inputs(site_name="Example"))
    diabetes = generated[paths.playbook("peer-diabetes")]
    pf1 = diabetes[diabetes.index("##### PF1 · Who leads circles"):diabetes.index("##### PF2 ·")]
    assert [line.split(" | ")[:2] for line in pf1.splitlines() if line.startswith("| ") and line[2].isdigit()] == [
        ["| 5", "Expected"], ["| 4", "Expected"], ["| 3", "Developmental"], ["| 2", "Unacceptable"],
        ["| 1", "Unacceptable"]]
    assert ("A critical component rated unacceptable (a critical breach) caps the band at **Fair**, whatever the "
            "total; a critical component that is not rated is flagged as unverified.") in diabetes
    assert ("An audit with any item not rated gets no band: missing items are never counted as zero or as full "
            "marks.") in diabetes
    club = generated[paths.playbook("code-club")]  # no critical_cap of its own, and the default bands
    assert "caps the band at **Low**, whatever the total" in club
    assert ("**Critical.** Rated unacceptable, this component is a critical breach: it is flagged however good the "
            "rest of the audit is, and the site's band can be no higher than Low.") in club


def test_a_playbook_page_says_which_rule_for_missing_data_applies(example: Path) -> None:
    playbook = example / "playbooks/code-club/playbook.yaml"
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text.replace("fidelity:\n  frequency: yearly\n",
                                     "fidelity:\n  frequency: yearly\n  scoring: {missing: exclude, max_unrated: 1}\n"),
                        encoding="utf-8")
    club = pages(load_network(example), date(2026, 11, 15), Inputs(site_name="Example"))[paths.playbook("code-club")]
    assert ("If at most 1 item cannot be rated, the audit is banded on the percent of the rated items; with more, "
            "it gets no band.") in club
