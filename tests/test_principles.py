"""Principles, not a manual (issue 20): a core component of kind `principle` is shown by evidence, not done in a
prescribed form; each site describes how it makes it its own (`principles:`), which is not a FRAME departure.
Checked with exact messages, shown on the playbook page, the site page and the checklist, asked by `spread site
new`, and classified by `spread playbook diff`."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from conftest import MINIMAL_PLAYBOOK, Run, write
from spread.handbook.checklist import checklist_page
from spread.handbook.components import core
from spread.handbook.site import site_page
from spread.network.repo import load_network
from spread.report.rollup import playbook_report
from spread.versions.diff import diff_playbooks

SITE = "fidelity/demo/leeds/site.yaml"
PRINCIPLED = MINIMAL_PLAYBOOK.replace("""  - id: regular
    title: Meets regularly
    function: Continuity builds trust.
""", """  - id: regular
    title: Meets regularly
    kind: principle
    function: Continuity builds trust.
    evidence: [a published timetable, attendance records]
""")
HOW = "principles:\n  - principle: regular\n    how: We meet on the first Monday, and by video in August.\n"


def principled(root: Path, site_text: str = "", stage: str = "installation") -> None:
    write(root / "playbooks/demo/playbook.yaml", PRINCIPLED)
    site = root / SITE
    site.write_text(site.read_text().replace("stage: installation", f"stage: {stage}") + site_text)


def problems(run: Run, root: Path) -> list[str]:
    result = run("check", "--repo", root, "--today", "2026-08-01")
    return [line for line in result.stdout.splitlines() if "principle" in line.rsplit("[", 1)[-1]]


def test_a_site_describing_each_principle_is_clean(run: Run, demo: Path) -> None:
    principled(demo, HOW, "full-implementation")
    result = run("check", "--repo", demo, "--today", "2026-08-01")
    assert result.exit_code == 0 and "principle" not in result.stdout, result.output


def test_a_running_site_says_how_it_enacts_every_principle(run: Run, demo: Path) -> None:
    principled(demo)
    assert problems(run, demo) == []  # still getting ready
    principled(demo, stage="initial-implementation")
    assert problems(run, demo) == [
        f"{SITE}:5:1: warning: the site does not say how it makes the principle `regular` its own: add it under "
        "`principles:` (`- principle: regular` and `how:` in the site's words) [principle-not-described]"]


def test_a_site_describes_only_the_playbooks_principles_once_each(run: Run, demo: Path) -> None:
    principled(demo, HOW + "  - principle: regular\n    how: Again.\n  - principle: peer-led\n    how: Peers.\n"
               "  - principle: regualr\n    how: Typo.\n")
    assert problems(run, demo) == [
        f"{SITE}:15:16: error: the principle `regular` is described twice: keep one description [principle-duplicate]",
        f"{SITE}:17:16: error: version 1.0.0 of `demo` has no principle `peer-led`: its principles are `regular` "
        "[principle-unknown]",
        f"{SITE}:19:16: error: version 1.0.0 of `demo` has no component `regualr`: did you mean `regular`? "
        "[principle-unknown]"]


def test_enacting_a_principle_is_not_an_adaptation(run: Run, demo: Path) -> None:
    principled(demo)
    site = demo / SITE
    site.write_text(site.read_text().replace("adaptations: []\n", "adaptations:\n  - component: regular\n"
                                             "    description: Monthly.\n    reason: Members work.\n"
                                             "    fidelity: consistent\n"))
    assert problems(run, demo) == [
        f"{SITE}:12:16: warning: `regular` is a principle each site makes its own: how this site enacts it is not a "
        "departure, so describe it under `principles:` without a FRAME record, and keep `adaptations` for a change "
        "to the principle itself [adaptation-principle-enacted]"]


def test_a_principle_prescribes_no_form(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/playbook.yaml", PRINCIPLED.replace(
        "    kind: principle\n", "    kind: principle\n    form: Fortnightly in a library.\n"))
    assert problems(run, demo) == [
        "playbooks/demo/playbook.yaml:18:11: warning: `regular` is a principle, which each site makes its own, so it "
        "prescribes no form: say how a site shows it under `evidence`, and remove `form` (or make it `kind: "
        "practice`) [principle-form]"]


def test_pages_show_principles_and_how_a_site_enacts_them(demo: Path) -> None:
    principled(demo, HOW, "full-implementation")
    network = load_network(demo, cache=False)
    pb = network.playbooks["demo"]
    box = core(pb.core[1])
    assert "Principle: every site makes this its own" in box
    assert "**How a site shows it.**\n\n- a published timetable\n- attendance records" in box
    assert "Core component: every site keeps this" in core(pb.core[0])
    status = playbook_report(network, pb, date(2026, 8, 1)).sites[0]
    page = site_page(status, network.site_audits(status.site), pb, pb.title)
    assert ("How this site makes the principles its own" in page and
            "<dt>Meets regularly</dt><dd><p>We meet on the first Monday, and by video in August.</p></dd>" in page)
    assert "A site shows it by: a published timetable; attendance records." in checklist_page(pb)


def test_site_new_asks_how_each_principle_is_enacted(run: Run, demo: Path) -> None:
    principled(demo)
    result = run("site", "new", "demo", "york", "--repo", demo, "--set", "venue=library", "--set", "name=York",
                 input="York circles\nYork CVS\n\nYork\n2026-03-01\nShort.\nWe meet every other Tuesday.\ny\n")
    assert result.exit_code == 0, result.output
    assert "Principle: Meets regularly (regular)\n  Continuity builds trust.\n  A site shows it by: a published " \
           "timetable\n" in result.output
    text = (demo / "fidelity/demo/york/site.yaml").read_text()
    assert "principles:\n  - principle: regular\n    how: We meet every other Tuesday.\n" in text
    answers = write(demo / "answers.yaml", "name: Hull\nhost: {name: Hull CVS}\nchoices: {venue: library, name: "
                    "{choice: Hull, reason: Short.}}\nprinciples: {regualr: Weekly.}\n")
    result = run("site", "new", "demo", "hull", "--repo", demo, "--answers", answers, "--no-input")
    assert result.exit_code == 1
    assert "answers.yaml:4:14: error: `regualr` is not a principle of `demo` 1.0.0: did you mean `regular`? " \
           "[answers-unknown]" in result.stderr
    write(answers, "name: Hull\nhost: {name: Hull CVS}\nchoices: {venue: library, name: {choice: Hull, reason: "
          "Short.}}\n")
    assert run("site", "new", "demo", "hull", "--repo", demo, "--answers", answers, "--no-input").exit_code == 0
    assert ("principles: []\n  # - principle: regular (Meets regularly: describe how the site enacts it under "
            "`how:`)\n") in (demo / "fidelity/demo/hull/site.yaml").read_text()


def test_diff_a_new_kind_is_major_and_new_evidence_a_patch(demo: Path) -> None:
    principled(demo)
    pb = load_network(demo, cache=False).playbooks["demo"]
    practice = dataclasses.replace(pb, core=(pb.core[0], dataclasses.replace(pb.core[1], kind="practice")))
    assert [(c.rule, c.bump, c.message) for c in diff_playbooks(practice, pb)] == [
        ("core-kind-changed", "major", "Core component `regular` (Meets regularly) is now a principle each site "
         "makes its own.")]
    more = dataclasses.replace(pb, core=(pb.core[0], dataclasses.replace(pb.core[1], evidence=("minutes",))))
    assert [(c.rule, c.bump) for c in diff_playbooks(pb, more)] == [("core-wording", "patch")]


def upgrading(root: Path, stage: str, site_text: str = "") -> None:
    """The demo site on 1.0.0 (no principles), at `stage`; 2.0.0 makes `regular` a principle (archived releases,
    no git)."""
    write(root / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    write(root / "playbooks/demo/playbook.yaml", PRINCIPLED.replace("version: 1.0.0", "version: 2.0.0"))
    site = root / SITE
    site.write_text(site.read_text().replace("stage: installation", f"stage: {stage}") + site_text)


def test_an_upgrade_asks_how_the_site_makes_a_principle_new_to_it_its_own(run: Run, demo: Path) -> None:
    upgrading(demo, "full-implementation")
    result = run("site", "upgrade", "demo/leeds", "--today", "2026-05-01", "--repo", demo,
                 input="We meet on the first Monday,   and by video in August.\ny\n")
    assert result.exit_code == 0, result.output
    assert "Principles Demo Leeds has not described yet (how the site makes each its own, in its own words: the " \
           "model as designed, not a departure):\n  - regular (Meets regularly)\n" in result.output
    assert "Principle: Meets regularly (regular)\n  Continuity builds trust.\n  A site shows it by: a published " \
           "timetable\n" in result.output
    assert "Describe how" not in result.output
    # A practice that becomes a principle is a core component to review (this once stopped the upgrade).
    assert "  - regular (Meets regularly): it is now a principle, which your site makes its own (describe how under " \
           "`principles:`).\n" in result.output
    site = (demo / SITE).read_text(encoding="utf-8")
    assert "adaptations: []\nprinciples:\n  - principle: regular\n    how: We meet on the first Monday, and by video " \
           "in August.\nupgrades:\n" in site
    assert problems(run, demo) == []


def test_a_scripted_upgrade_leaves_the_principle_to_describe_and_says_so(run: Run, demo: Path) -> None:
    upgrading(demo, "initial-implementation")
    result = run("site", "upgrade", "demo/leeds", "--no-input", "--today", "2026-05-01", "--repo", demo)
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        "Describe how Demo Leeds makes `regular` its own under `principles:` in fidelity/demo/leeds/site.yaml "
        "(`- principle: regular` and `how:` in your own words); `spread check` reminds you.\n")
    assert "principles" not in (demo / SITE).read_text(encoding="utf-8")
    assert [p.rsplit("[", 1)[1] for p in problems(run, demo)] == ["principle-not-described]"]


def test_a_site_still_getting_ready_is_asked_but_not_reminded(run: Run, demo: Path) -> None:
    upgrading(demo, "installation", "principles: []\n")
    result = run("site", "upgrade", "demo/leeds", "--today", "2026-05-01", "--repo", demo, input="\ny\n")
    assert result.exit_code == 0, result.output
    assert "How does the site make this principle its own? (Enter to describe it later)" in result.output
    assert "Describe how" not in result.output
    assert "principles: []\nupgrades:\n" in (demo / SITE).read_text(encoding="utf-8")  # Enter: nothing written
    result = run("site", "upgrade", "demo/leeds", "--dry-run", "--repo", demo)
    assert "nothing to upgrade" in result.output


def test_a_principle_the_site_described_already_is_not_asked_again(run: Run, demo: Path) -> None:
    upgrading(demo, "full-implementation", HOW)
    result = run("site", "upgrade", "demo/leeds", "--today", "2026-05-01", "--repo", demo, input="y\n")
    assert result.exit_code == 0, result.output
    assert "Principle:" not in result.output and "not described yet" not in result.output
    assert (demo / SITE).read_text(encoding="utf-8").count("- principle: regular") == 1
