"""The version rules, without files or git: each kind of playbook edit is classified with its rule id and bump."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import MINIMAL_PLAYBOOK
from spread.model.build import playbook_from
from spread.model.playbook import Playbook
from spread.model.schemas import validate
from spread.versions.changelog import entry, prepend, summary_for
from spread.versions.diff import Change, bump_between, diff_playbooks, needed_bump, next_version
from spread.yaml.document import Document
from spread.yaml.read import parse_document

Data = dict[str, Any]
BASE: Data = YAML(typ="safe").load(MINIMAL_PLAYBOOK)
ANCHORED: Data = {**copy.deepcopy(BASE), "fidelity": {
    "frequency": "quarterly",
    "scale": {"min": 1, "max": 3},
    "sections": [{"id": "people", "title": "People"}, {"id": "rhythm", "title": "Rhythm"}],
    "items": [
        {"id": "P1", "section": "people", "component": "peer-led", "title": "Peer facilitation",
         "anchors": {"1": "Staff lead.", "2": "Some peers lead.", "3": "Peers lead."}, "min": 2},
        {"id": "R1", "section": "rhythm", "component": "regular", "title": "Regular meetings",
         "anchors": {"1": "Rarely.", "2": "Monthly.", "3": "Fortnightly."}},
    ],
    "scoring": {"method": "sum"},
    "bands": [{"label": "low", "min": 2, "max": 3}, {"label": "fair", "min": 4, "max": 5},
              {"label": "good", "min": 6, "max": 6, "description": "The model, as designed."}],
    "goals": [{"id": "E1", "title": "Peer-led circles", "numerator": "circles led by a peer",
               "denominator": "circles held", "op": ">=", "target": 70}],
}}


def build(data: Data) -> Playbook:
    # JSON is YAML: the loader and the schema see exactly what a playbook file would give them.
    doc = parse_document(json.dumps(data).encode(), Path("playbooks/demo/playbook.yaml"))
    assert isinstance(doc, Document)
    assert validate(doc, "playbook", "playbook.yaml") == []
    return playbook_from(doc)


def changed(edit: Callable[[Data], object], base: Data = BASE) -> list[Change]:
    data = copy.deepcopy(base)
    edit(data)
    return diff_playbooks(build(base), build(data))


def core(d: Data, i: int = 0) -> Data:
    component: Data = d["core"][i]
    return component


def venue(d: Data) -> Data:
    component: Data = d["local"][0]
    return component


def name(d: Data) -> Data:
    component: Data = d["local"][1]
    return component


def fid(d: Data) -> Data:
    instrument: Data = d["fidelity"]
    return instrument


NEW_CORE = {"id": "supervised", "title": "Supervised", "function": "Facilitators get support.",
            "practice": {"expected": "Monthly.", "developmental": "Sometimes.", "unacceptable": "Never."}}
NEW_LOCAL = {"id": "snacks", "title": "Snacks", "free_text": True}
NEW_ITEM = {"id": "R2", "section": "rhythm", "component": "regular", "title": "Steady membership",
            "anchors": {"1": "Drop-in.", "2": "Mixed.", "3": "Steady."}}

# (rule, edit, base, the bump it needs)
CASES: list[tuple[str, Callable[[Data], object], Data, str]] = [
    ("core-added", lambda d: d["core"].append(NEW_CORE), BASE, "major"),
    ("core-removed", lambda d: d["core"].pop(1), BASE, "major"),
    ("core-function-changed", lambda d: core(d).update(function="Peers model self-care."), BASE, "major"),
    ("core-practice-changed", lambda d: core(d)["practice"].update(expected="Most circles."), BASE, "major"),
    ("core-practice-changed", lambda d: core(d)["practice"].update(ideal="Peers co-design."), BASE, "major"),
    ("core-critical-changed", lambda d: core(d).update(critical=False), BASE, "major"),
    ("core-wording", lambda d: core(d).update(title="Led by trained peers", form="Two peers per circle."), BASE,
     "patch"),
    ("local-added", lambda d: d["local"].append(NEW_LOCAL), BASE, "minor"),
    ("local-removed", lambda d: d["local"].pop(1), BASE, "major"),
    ("local-option-removed", lambda d: venue(d)["options"].remove("online"), BASE, "major"),
    ("local-option-added", lambda d: venue(d)["options"].append("community-centre"), BASE, "minor"),
    ("local-free-text-off", lambda d: name(d).update(free_text=False), BASE, "major"),
    ("local-free-text-on", lambda d: venue(d).update(free_text=True), BASE, "minor"),
    ("local-max-length-lowered", lambda d: name(d).update(max_length=10), BASE, "major"),
    ("local-max-length-raised", lambda d: name(d).pop("max_length"), BASE, "minor"),
    ("local-prohibited-added", lambda d: venue(d)["prohibited"].append("venues that serve alcohol"), BASE, "major"),
    ("local-prohibited-removed", lambda d: venue(d).pop("prohibited"), BASE, "minor"),
    ("local-default-changed", lambda d: venue(d).update(default="online"), BASE, "minor"),
    ("local-wording", lambda d: venue(d).update(guidance="Somewhere step-free."), BASE, "patch"),
    ("local-wording", lambda d: venue(d).update(options=["gp-surgery", "library", "online"]), BASE, "patch"),
    ("instrument-kind-changed", lambda d: d.update(fidelity={"frequency": "quarterly"}), ANCHORED, "major"),
    ("instrument-frequency-changed", lambda d: fid(d).update(frequency="half-yearly"), BASE, "major"),
    ("instrument-scale-changed", lambda d: fid(d).update(scale={"min": 0, "max": 3}), ANCHORED, "major"),
    ("instrument-sections-changed", lambda d: fid(d)["sections"].append({"id": "x", "title": "X"}), ANCHORED,
     "major"),
    ("item-added", lambda d: fid(d)["items"].append(NEW_ITEM), ANCHORED, "major"),
    ("item-removed", lambda d: fid(d)["items"].pop(1), ANCHORED, "major"),
    ("item-component-changed", lambda d: fid(d)["items"][1].update(component="peer-led"), ANCHORED, "major"),
    ("item-min-changed", lambda d: fid(d)["items"][0].update(min=3), ANCHORED, "major"),
    ("item-section-changed", lambda d: fid(d)["items"][1].update(section="people"), ANCHORED, "major"),
    ("item-anchors-changed", lambda d: fid(d)["items"][1]["anchors"].pop("2"), ANCHORED, "minor"),
    ("item-levels-changed", lambda d: fid(d)["items"][1]["anchors"].pop("3"), ANCHORED, "major"),
    ("item-scale-changed", lambda d: fid(d)["items"][1].update(values=[1, 3]), ANCHORED, "major"),
    ("item-scale-changed", lambda d: fid(d)["items"][1].update(scale={"min": 1, "max": 3, "step": 0.5}), ANCHORED,
     "major"),
    ("instrument-scale-changed", lambda d: fid(d)["scale"].update(step=0.5), ANCHORED, "major"),
    ("instrument-scoring-changed", lambda d: fid(d).update(scoring={"method": "sum-of-section-means"}), ANCHORED,
     "major"),
    ("instrument-kind-changed", lambda d: fid(d).update(items=[]), ANCHORED, "major"),
    ("instrument-wording", lambda d: fid(d)["bands"][1].update(id=fid(d)["bands"][1]["label"], label="Fair fidelity"),
     ANCHORED, "patch"),
    ("instrument-bands-changed", lambda d: fid(d)["bands"][1].update(id="fair_ok", label="Fair"), ANCHORED, "major"),
    ("goal-area-changed", lambda d: fid(d)["goals"][0].update(area="Delivery"), ANCHORED, "major"),
    ("goal-changed", lambda d: [fid(d)["goals"][0].pop(k) for k in ("op", "target")], ANCHORED, "major"),
    ("item-wording", lambda d: fid(d)["items"][1]["anchors"].update({"2": "Every month."}), ANCHORED, "patch"),
    ("instrument-scoring-changed", lambda d: fid(d).update(scoring={"method": "mean", "band_on": "total"}),
     ANCHORED, "major"),
    ("instrument-scoring-changed", lambda d: fid(d).update(scoring={"critical_cap": "fair"}), ANCHORED, "major"),
    ("instrument-scoring-changed", lambda d: fid(d).update(scoring={"missing": "mean-of-rated"}), BASE, "major"),
    ("instrument-scoring-changed", lambda d: fid(d).update(scoring={"missing": "lowest"}), ANCHORED, "major"),
    ("instrument-scoring-changed", lambda d: fid(d).update(scoring={"critical_cap": "adequate"}), BASE, "major"),
    ("instrument-levels-changed", lambda d: fid(d).update(levels={"expected": [2, 3], "unacceptable": [1]}),
     ANCHORED, "major"),
    ("item-practice-levels-changed", lambda d: fid(d)["items"][1].update(
        levels={"expected": [3], "developmental": [], "unacceptable": [1, 2]}), ANCHORED, "major"),
    ("instrument-decimals-changed", lambda d: fid(d).update(decimals={"percent": 1}), BASE, "patch"),
    ("instrument-bands-changed", lambda d: fid(d)["bands"][1].update(min=3), ANCHORED, "major"),
    ("goal-added", lambda d: fid(d)["goals"].append({"id": "E2", "title": "Facilitators", "op": ">=",
                                                     "target": 3, "unit": "count"}), ANCHORED, "major"),
    ("goal-changed", lambda d: fid(d)["goals"][0].update(target=80), ANCHORED, "major"),
    ("goal-changed", lambda d: fid(d)["goals"][0].update(op="<="), ANCHORED, "major"),
    ("goal-removed", lambda d: fid(d).pop("goals"), ANCHORED, "major"),
    ("goal-wording", lambda d: fid(d)["goals"][0].update(title="Circles led by a peer"), ANCHORED, "patch"),
    ("instrument-wording", lambda d: fid(d)["bands"][2].update(description="As designed."), ANCHORED, "patch"),
    ("instrument-wording", lambda d: fid(d)["sections"][0].update(title="Staffing"), ANCHORED, "patch"),
    ("playbook-status-changed", lambda d: d.update(status="retired"), BASE, "minor"),
    ("playbook-wording", lambda d: d.update(summary="Peer circles, in a sentence."), BASE, "patch"),
    ("playbook-wording", lambda d: d.update(evidence={"level": 2}, rollout=[{"stage": "exploration",
                                                                            "steps": ["Meet the team."]}]),
     BASE, "patch"),
]


@pytest.mark.parametrize(("rule", "edit", "base", "bump"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_edit_is_classified_by_one_rule(rule: str, edit: Callable[[Data], object], base: Data,
                                             bump: str) -> None:
    changes = changed(edit, base)
    if rule == "instrument-kind-changed":  # dropping the items also changes how the bands are read
        assert changes[0].rule == rule and {c.bump for c in changes} == {"major"}
    else:
        assert [(c.rule, c.bump) for c in changes] == [(rule, bump)]
    assert needed_bump(changes) == bump


def test_identical_playbooks_have_no_changes() -> None:
    assert diff_playbooks(build(ANCHORED), build(copy.deepcopy(ANCHORED))) == []
    assert needed_bump([]) is None


def test_declaring_what_the_defaults_already_give_changes_no_score() -> None:
    """The lowest band is the cap anyway, and R1's default levels on 1-3 are 1 | 2 | 3: saying so is no change."""
    assert changed(lambda d: fid(d).update(scoring={"method": "sum", "critical_cap": "low"}), ANCHORED) == []
    assert changed(lambda d: fid(d)["items"][1].update(
        levels={"expected": [3], "developmental": [2], "unacceptable": [1]}), ANCHORED) == []
    assert [c.message for c in changed(lambda d: fid(d).update(scoring={"critical_cap": "adequate"}), BASE)] == [
        "Fidelity instrument: the band cap when a critical component is breached is now `adequate` (was `low`)."]
    assert [c.message for c in changed(lambda d: fid(d)["items"][1].update(
        levels={"expected": [3], "developmental": [], "unacceptable": [1, 2]}), ANCHORED)] == [
        "Fidelity item `R1` (Regular meetings): its scores now count as expected 3; developmental none; "
        "unacceptable 1, 2 (they counted as expected 3; developmental 2; unacceptable 1)."]


def test_the_version_number_itself_is_not_a_change() -> None:
    assert changed(lambda d: d.update(version="9.9.9")) == []


def test_messages_name_the_component_and_what_changed() -> None:
    assert [c.message for c in changed(lambda d: venue(d)["options"].remove("online"))] == [
        "Local component `venue` (Where circles meet): `online` is no longer allowed."]
    assert [c.message for c in changed(lambda d: name(d).update(max_length=10))] == [
        "Local component `name` (Local name): a choice in words may now have 10 characters (was 20 characters)."]
    assert [c.message for c in changed(lambda d: fid(d)["goals"][0].update(target=80), ANCHORED)] == [
        "Fidelity instrument: goal `E1` (Peer-led circles) is now at least 80% (was at least 70%)."]
    assert [c.message for c in changed(lambda d: core(d).update(critical=False))] == [
        "Core component `peer-led` (Led by peers) is no longer critical."]


def test_several_edits_need_the_biggest_bump() -> None:
    def edit(d: Data) -> None:
        d.update(summary="New words.")
        d["local"].append(NEW_LOCAL)

    changes = changed(edit)
    assert [c.rule for c in changes] == ["local-added", "playbook-wording"]
    assert needed_bump(changes) == "minor"
    changes = changed(lambda d: (edit(d), d["core"].pop()))
    assert needed_bump(changes) == "major"


@pytest.mark.parametrize(("version", "bump", "expected"), [
    ("1.2.3", "major", "2.0.0"), ("1.2.3", "minor", "1.3.0"), ("1.2.3", "patch", "1.2.4"),
    ("2.0.0-rc.1", "major", "2.0.0"), ("2.1.0-rc.1", "major", "3.0.0"), ("2.1.0-rc.1", "minor", "2.1.0"),
    ("2.1.1-rc.1", "patch", "2.1.1"), ("0.1.0", "minor", "0.2.0"),
])
def test_next_version(version: str, bump: str, expected: str) -> None:
    assert next_version(version, bump) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("1.2.3", "2.0.0", "major"), ("1.2.3", "1.3.0", "minor"), ("1.2.3", "1.2.4", "patch"),
    ("1.2.3", "1.2.3", None), ("1.2.3", "1.0.0", None), ("2.0.0-rc.1", "2.0.0", "major"),
    ("1.0.0", "2.0.0-rc.1", "major"),
])
def test_bump_between(old: str, new: str, expected: str | None) -> None:
    assert bump_between(old, new) == expected


def test_changelog_entry_sorts_changes_into_keep_a_changelog_sections() -> None:
    changes = changed(lambda d: (d["local"].append(NEW_LOCAL), venue(d)["options"].remove("online"),
                                 core(d).update(title="Led by trained peers")))
    text = entry("2.0.0", "2026-05-01", summary_for(needed_bump(changes)), changes)
    assert text == (
        "## [2.0.0] - 2026-05-01\n\n"
        "A major release: core components, choices or scoring changed, so every site should review what changed "
        "before it moves up with `spread site upgrade`.\n\n"
        "### Added\n\n- New local component `snacks` (Snacks).\n\n"
        "### Changed\n\n- Core component `peer-led` (Led by trained peers): new wording for the title.\n\n"
        "### Removed\n\n- Local component `venue` (Where circles meet): `online` is no longer allowed.\n")


def test_changelog_entries_go_above_the_newest_one_below_the_introduction() -> None:
    existing = "# Changelog\n\nIntro.\n\n## [1.0.0] - 2025-01-01\n\nFirst.\n"
    new = prepend(existing, "## [1.1.0] - 2026-01-01\n\nMore.\n", "Demo")
    assert new == "# Changelog\n\nIntro.\n\n## [1.1.0] - 2026-01-01\n\nMore.\n\n## [1.0.0] - 2025-01-01\n\nFirst.\n"
    assert prepend("# Changelog\n", "## [1.0.0] - x\n", "Demo") == "# Changelog\n\n## [1.0.0] - x\n"
    assert prepend(None, "## [1.0.0] - x\n", "Demo").startswith("# Changelog: Demo\n\nAll notable changes")
