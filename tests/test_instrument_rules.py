"""The checks issue 15 added for instruments written as their manuals state them, each on one edit of the fixture
instruments (tests/fixtures/instruments/), with its exact message; and the edits that must now pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import Run

FIXTURES = Path(__file__).parent / "fixtures" / "instruments"
TODAY = "2026-08-01"
HOME = "playbooks/home-visits/playbook.yaml"
HOME_AUDIT = "fidelity/home-visits/north/audits/2025.yaml"
READY = "playbooks/ready-check/playbook.yaml"
FLOORS = "playbooks/job-floors/playbook.yaml"
WORK = "playbooks/supported-work/playbook.yaml"

# (file, text, replacement, the problem expected: None for none at all)
CASES = [
    (HOME, 'op: ">=", target: 4, unit: count', 'op: ">=", target: -1, unit: count',
     f"{HOME}:29:123: error: goal R3 counts something, so its target cannot be -1: a count is never below 0 "
     "[goal-target-negative]"),
    (HOME, 'denominator: mothers enrolled, op: ">=", target: 60', 'denominator: mothers enrolled, op: ">=", target: 120',
     f"{HOME}:27:152: error: goal R1 is a share of its denominator, so its target must be from 0 to 100%, not 120% "
     "[goal-target-off-share]"),
    (HOME, "  items: []\n", "  items: []\n  bands: [{id: all, label: All, min: 0, max: 6}]\n",
     f"{HOME}:26:10: error: bands read the score of rated items, and this instrument rates none (`items: []`): remove "
     "`bands`; its goals give the verdict [bands-without-items]"),
    (HOME_AUDIT, "R3: {value: 3}", "R3: {value: -2}",
     f"{HOME_AUDIT}:13:15: error: goal R3 is a count, so it cannot be -2: give the number counted, 0 or more "
     "[audit-goal-negative]"),
    (HOME_AUDIT, "ratings: {}", "ratings: {Q1: {score: 3}}",
     f"{HOME_AUDIT}:9:11: error: version 1.0.0 of `home-visits` has no item `Q1`: it rates no items, only goals: "
     "remove the rating (`ratings: {}`) [audit-item-unknown]"),
    (FLOORS, "min: 4, anchors", "anchors", None),
    (FLOORS, "title: Employer contacts per coach, min: 3,", "title: Employer contacts per coach,", None),
    (FLOORS, ", min: 3, anchors: {1: Stops", ", anchors: {1: Stops", None),
    (WORK, "{id: V1, section: services, ", "{id: V1, ",
     f"{WORK}:25:7: error: item V1 has no section, so it is left out of the sum of section means: add `section` "
     "[item-no-section]"),
    (WORK, "values: [1, 4], anchors: {1: Specialists have other duties.,",
     "values: [1, 4], anchors: {2: Half., 1: Specialists have other duties.,",
     f"{WORK}:24:114: error: item S2 has an anchor for score 2, which is not one of its scores (1, 4): remove it or "
     "change the scale [anchors-off-scale]"),
    (WORK, "{id: not_se, label: Not Supported Employment,", "{label: Not SE,",
     f'{WORK}:30:15: error: `label` is "Not SE": without an `id`, the label is the band\'s id: use lower-case letters, '
     "digits and single hyphens or underscores, like `good`, or add an `id` [schema-pattern]"),
    (WORK, "values: [1, 4]", "values: [4, 4]",
     f"{WORK}:24:97: error: `values` lists the same value twice: list each once [schema-uniqueItems]"),
    (WORK, "scale: {min: 0, max: 2}", "scale: {min: 2, max: 0}",
     f"{WORK}:27:87: error: item V3's scale has no scores: the lowest score must be below the highest, in steps "
     "that fit between them [item-scale]"),
    (READY, "  scale: {min: 1, max: 10}\n", "  scale: {min: 1, max: 10, step: 0.5}\n",
     f"{READY}:32:46: error: no band covers a score of 59.5: widen `not_yet` or `nearly` [bands-gap]"),
    (READY, "  scale: {min: 1, max: 10}\n", "",
     f"{READY}:17:3: error: the instrument has no `scale` and no item has one of its own: add the scale items are "
     "rated on under `fidelity`, e.g. `scale: {min: 1, max: 5}`, or give each item its own `scale` or `values` "
     "[item-scale-missing]"),
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES, tmp_path / "instruments"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(("rel", "old", "new", "expected"), CASES,
                         ids=[c[3].rsplit("[", 1)[-1].rstrip("]") if c[3] else f"passes-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_with_its_message(run: Run, repo: Path, rel: str, old: str, new: str, expected: str | None) -> None:
    edit(repo / rel, old, new)
    result = run("check", "--repo", repo, "--today", TODAY)
    if expected is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert expected in result.stdout.splitlines(), result.stdout


def test_nothing_judging_an_instrument_is_refused(run: Run, repo: Path) -> None:
    """Take every minimum off the floors instrument: it has no bands and no goals, so nothing judges it."""
    for old, new in (("min: 4, anchors", "anchors"), (" coach, min: 3,", " coach,"), (", min: 3, anchors: {1: Stops",
                                                                                      ", anchors: {1: Stops")):
        edit(repo / FLOORS, old, new)
    result = run("check", "--repo", repo, "--today", TODAY)
    assert result.exit_code == 1
    assert (f"{FLOORS}:18:3: error: nothing judges this instrument's scores: it has no `bands`, no item with a `min` "
            "and no goal with a target. Add named score ranges (`bands`), or a `min` on the items that carry the "
            "judgment [bands-missing]") in result.stdout.splitlines()


def test_percent_bands_start_at_the_lowest_achievable_percent(run: Run, repo: Path) -> None:
    """A 1-10 scale cannot score under 10%: bands from 10% cover it, bands from 20% leave 10-20% uncovered."""
    edit(repo / READY, "  scale: {min: 1, max: 10}\n", "  scale: {min: 1, max: 10}\n  scoring: {band_on: percent}\n")
    edit(repo / READY, "max: 59, description", "max: 60, description")
    edit(repo / READY, "min: 60, max: 79", "min: 60, max: 80")
    assert run("check", "--repo", repo, "--today", TODAY).exit_code == 0
    edit(repo / READY, "label: Not ready yet, min: 10,", "label: Not ready yet, min: 20,")
    result = run("check", "--repo", repo, "--today", TODAY)
    assert result.exit_code == 1
    assert (f"{READY}:32:48: error: the lowest possible score is 10% but the lowest band starts at 20: lower "
            "`not_yet` [bands-not-covering]") in result.stdout.splitlines()


def test_an_instrument_of_informational_figures_alone_is_refused(run: Run, repo: Path) -> None:
    path = repo / HOME
    text = path.read_text()
    start, end = text.index("    - {id: R1"), text.index("    - {id: I1")
    path.write_text(text[:start] + text[end:])
    result = run("check", "--repo", repo, "--today", TODAY)
    assert result.exit_code == 1
    assert (f"{HOME}:25:10: error: `items: []` says this instrument rates no items, so it is judged by its goals "
            "alone, but it has no goal with a target: add `goals` with `op` and `target`, or add items "
            "[instrument-empty]") in result.stdout.splitlines()
