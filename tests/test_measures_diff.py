"""`spread playbook diff` on measures, the participant survey and the privacy threshold: each edit is classified with
its rule id and the bump it needs, because sites' recorded figures and answers depend on them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import MINIMAL_PLAYBOOK
from spread.model.build import playbook_from
from spread.model.playbook import Playbook
from spread.versions.diff import diff_playbooks, needed_bump
from spread.yaml.document import Document
from test_measures_check import MEASURES

Data = dict[str, Any]
BASE: Data = YAML(typ="safe").load(MINIMAL_PLAYBOOK + MEASURES)


def build(data: Data) -> Playbook:
    return playbook_from(Document(Path("p.yaml"), data))


def changed(edit: Callable[[Data], None]) -> list[tuple[str, str, str]]:
    new = copy.deepcopy(BASE)
    edit(new)
    return [(c.rule, c.bump, c.message) for c in diff_playbooks(build(BASE), build(new))]


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return edit


CASES = [
    (lambda d: d["measures"].append({"id": "volunteers", "name": "Volunteers", "kind": "reach", "figure": "count",
                                     "unit": "people"}),
     [("measure-added", "minor", "New reach measure `volunteers` (Volunteers).")]),
    (lambda d: d["measures"].pop(1),
     [("measure-removed", "major", "Measure `sessions` (Circles held) was removed: sites that record it must stop.")]),
    (_set(("measures", 2, "unit"), "percent"),
     [("measure-changed", "major", "Measure `pam` (Confidence to manage diabetes (PAM)): its unit changed, so figures "
       "recorded before are not comparable.")]),
    (_set(("measures", 2, "better"), "lower"),
     [("measure-changed", "major", "Measure `pam` (Confidence to manage diabetes (PAM)): its better direction "
       "changed, so figures recorded before are not comparable.")]),
    (_set(("measures", 2, "target"), 65),
     [("measure-target-changed", "minor", "Measure `pam` (Confidence to manage diabetes (PAM)): new target.")]),
    (_set(("measures", 2, "guidance"), "Ask at joining."),
     [("measure-wording", "patch", "Measure `pam` (Confidence to manage diabetes (PAM)): new wording for the "
       "guidance.")]),
    (lambda d: d.pop("voice"), [("voice-removed", "major", "The participant survey was removed.")]),
    (_set(("voice", "items", 1, "component"), "peer-led"),
     [("voice-statement-changed", "major", "Survey statement V2 is now about `peer-led` (was `regular`).")]),
    (_set(("voice", "items", 1, "text"), "We meet when we say we will."),
     [("voice-statement-wording", "patch", "Survey statement V2: new wording.")]),
    (lambda d: d["voice"]["items"].append({"id": "V3", "text": "x", "component": "regular"}),
     [("voice-statement-added", "minor", "New survey statement V3.")]),
    (lambda d: d["voice"]["answers"].pop(1),
     [("voice-scale-changed", "major", "The survey's answer scale lost or changed an answer, so answers recorded "
       "before no longer fit.")]),
    (lambda d: d["voice"]["answers"].insert(0, {"id": "strongly-disagree", "label": "Strongly", "means": "disagree"}),
     [("voice-scale-widened", "minor", "The survey's answer scale has new answers or labels.")]),
    (_set(("privacy", "suppress_below"), 10),
     [("privacy-threshold-changed", "minor", "Figures about fewer than 10 people are now suppressed (was 5).")]),
]


@pytest.mark.parametrize(("edit", "expected"), CASES)
def test_each_edit_is_classified(edit: Callable[[Data], None], expected: list[tuple[str, str, str]]) -> None:
    assert changed(edit) == expected


def test_a_removed_measure_needs_a_major_release_even_beside_new_ones() -> None:
    def edit(data: Data) -> None:
        data["measures"].pop(0)
        data["measures"].append({"id": "hours", "name": "Hours", "kind": "reach", "figure": "count", "unit": "hours",
                                 "people": False})
    new = copy.deepcopy(BASE)
    edit(new)
    assert needed_bump(diff_playbooks(build(BASE), build(new))) == "major"
