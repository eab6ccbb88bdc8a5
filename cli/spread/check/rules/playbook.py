"""Rules within one playbook: unique ids, an instrument that covers the core, anchors and bands that fit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from spread.check.rules.choices import check_prohibited
from spread.check.rules.common import at
from spread.check.rules.goals import check_goals
from spread.check.rules.instrument import check_instrument
from spread.check.rules.measures import check_measures
from spread.check.rules.programme import check_review_kinds
from spread.check.rules.scoring import check_scoring
from spread.errors import Problem, words
from spread.model.playbook import Playbook
from spread.network.repo import Network


def check(network: Network) -> Iterator[Problem]:
    for playbook in network.playbook_files:
        yield from check_playbook(playbook, network.path_of(playbook.doc))


def check_playbook(pb: Playbook, shown: str) -> Iterator[Problem]:
    doc = pb.doc
    parts = PurePosixPath(shown).parts
    if len(parts) >= 2 and parts[0] == "playbooks" and parts[1] != pb.id:
        yield at(shown, doc, ("id",), "error", f"the playbook id `{pb.id}` does not match its folder `{parts[1]}`: "
                 "rename one so they are the same", "playbook-id-folder")
    if len(parts) == 4 and parts[2] == "releases" and PurePosixPath(parts[3]).stem != pb.version:
        yield at(shown, doc, ("version",), "error", f"this archived release says version {pb.version} but is named "
                 f"{parts[3]}: name it {pb.version}.yaml", "playbook-release-name")
    seen: dict[str, str] = {}
    for group in ("core", "local"):
        for i, component in enumerate(getattr(pb, group)):
            if component.id in seen:
                yield at(shown, doc, (group, i, "id"), "error", f"the component id `{component.id}` is used twice "
                         f"(also in {seen[component.id]}): give each component its own id", "component-id-duplicate")
            seen.setdefault(component.id, group)
    for i, local in enumerate(pb.local):
        if local.default is not None and local.options and local.default not in local.option_ids and not local.free_text:
            yield at(shown, doc, ("local", i, "default"), "error", f"the default `{local.default}` of `{local.id}` is "
                     f"not one of its options: use {words(list(local.option_ids))}", "local-default-not-option")
        if not local.options and not local.free_text:
            yield at(shown, doc, ("local", i), "error", f"`{local.id}` has no options and does not allow free text, so "
                     "no site could choose anything: add `options` or set `free_text: true`", "local-no-choice")
    yield from check_prohibited(pb, shown)
    if pb.instrument.kind != "practice-profile":
        yield from check_instrument(pb, shown)
    else:
        yield from check_goals(pb, shown)
    yield from check_scoring(pb, shown)
    yield from check_measures(pb, shown)
    yield from check_review_kinds(pb, shown)
