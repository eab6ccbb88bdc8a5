"""Writing an upgrade into site.yaml: only the lines that change, so the site's comments and wording stay."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spread.errors import Problem, SpreadError
from spread.model.schemas import validate
from spread.versions.configure import KEPT
from spread.versions.upgrade import UpgradePlan
from spread.yaml.edit import Editor, Entry, block_of
from spread.yaml.read import parse_document

# The order of a site file's top-level fields: a list that does not exist yet goes after those before it.
SITE_KEYS = ("id", "name", "playbook", "host", "area", "contact", "stage", "started", "choices", "adaptations",
             "principles", "retired", "upgrades", "notes")


@dataclass(frozen=True)
class Answer:
    """What the site chose for a local component during the upgrade, and why: a local choice, or with `frame` (its
    FRAME details, `unknown` where not known) an adaptation, for a choice that departs from the options."""

    choice: str
    reason: str | None
    frame: dict[str, Any] | None = None
    # The comment written above the record, as `site new` writes it: what the component allows.
    comment: tuple[str, ...] = ()


def _after(key: str) -> tuple[str, ...]:
    return SITE_KEYS[: SITE_KEYS.index(key)]


def rewrite_site(text: str, plan: UpgradePlan, answers: dict[str, Answer], commit: str | None, today: str,
                 enacted: tuple[tuple[str, str], ...] = ()) -> str:
    """The new text of site.yaml: version and commit, retired records, local choices moved out of `adaptations`, new
    choices, how the site makes each principle new to it its own (`enacted`: id and how) and the upgrade record (for
    a move to another version; a site that stays on its version only has its local choices moved)."""
    editor = Editor(text)
    new = plan.new.version
    moving = new != plan.old.version
    if moving:
        editor.set_scalar(("playbook", "version"), new)
        editor.set_key(("playbook",), "commit", commit)
    data = plan.site.doc.data
    added: dict[str, list[Entry]] = {"choices": [], "adaptations": []}
    for step in plan.questions:
        answer = answers[step.component]
        record = {"component": step.component, "choice": answer.choice} | ({"reason": answer.reason} if answer.reason
                                                                          else {}) | {"date": today}
        record |= answer.frame or {}
        text = "\n".join([*answer.comment, block_of(record)])
        added["adaptations" if answer.frame is not None else "choices"].append(Entry(text, record))
    added["choices"] = _moved(editor, data, plan.moves) + added["choices"]
    retired: list[Entry] = []
    for key in ("choices", "adaptations", "principles"):
        records: list[dict[str, Any]] = list(data.get(key) or [])
        retire = [i for section, i in plan.retire if section == key]
        flow = getattr(editor.node((key,)), "flow_style", False)
        for i in retire:
            if key == "principles":  # a retired record names its component; the site's words say what it did
                record = {"component": records[i]["principle"], "description": records[i]["how"], "retired_in": new}
                retired.append(Entry(block_of(record), record))
                continue
            record = {**records[i], "retired_in": new}
            retired.append(Entry(block_of(record) if flow else editor.item_block((key,), i, {"retired_in": new}), record))
        _rewrite(editor, key, records, retire + (list(plan.moves) if key == "adaptations" else []), added.get(key, []))
    column = editor.dash_column("choices") or editor.dash_column("adaptations") or 2
    editor.append("principles", [Entry(block_of(r), r) for r in ({"principle": p, "how": how} for p, how in enacted)],
                  _after("principles"), column)
    editor.append("retired", retired, _after("retired"), column)
    if moving:
        upgrade: dict[str, Any] = {"from": plan.old.version, "to": new, "date": today}
        upgrade.update({"commit": commit} if commit else {})
        upgrade.update({"review": plan.review} if plan.review else {})
        editor.append("upgrades", [Entry(block_of(upgrade), upgrade)], _after("upgrades"), column)
    return editor.result()


def _moved(editor: Editor, data: dict[str, Any], moves: tuple[int, ...]) -> list[Entry]:
    """Adaptations that are local choices, as `choices:` items: their component, choice, reason and date (and the
    comments above them), without FRAME's details."""
    records: list[dict[str, Any]] = list(data.get("adaptations") or [])
    flow = getattr(editor.node(("adaptations",)), "flow_style", False)
    entries = []
    for i in moves:
        kept = {key: records[i][key] for key in KEPT if key in records[i]}
        item = editor.node(("adaptations", i))
        text = block_of(kept) if flow or getattr(item, "flow_style", False) else \
            editor.item_block(("adaptations",), i, {}, only=KEPT)
        entries.append(Entry(text, kept))
    return entries


def _rewrite(editor: Editor, key: str, records: list[dict[str, Any]], remove: list[int], add: list[Entry]) -> None:
    """Take some items out of a top-level list and add others; a list written on one line is rewritten whole (as
    JSON, which YAML reads: no comments live inside it)."""
    node = editor.node((key,))
    # An empty `[]` (as `site new` writes) takes block items below the key, like a list that is not there yet.
    if node is not None and getattr(node, "flow_style", False) and records and (remove or add):
        kept = [r for i, r in enumerate(records) if i not in remove]
        editor.replace((key,), json.dumps(kept + [e.data for e in add], ensure_ascii=False, default=str))
        return
    if remove:
        editor.remove_items((key,), sorted(remove))
        if len(set(remove)) == len(records) and not add:
            editor.empty((key,))
    editor.append(key, add, _after(key))


def checked(text: str, path: Path, shown: str) -> str:
    """The rewritten text, if it is still a valid site file; otherwise stop before anything is written."""
    doc = parse_document(text.encode("utf-8"), path, shown)
    problems = [doc] if isinstance(doc, Problem) else validate(doc, "site", shown)
    if problems:
        raise SpreadError(f"Spread could not update {shown} safely ({problems[0].message}), so nothing was "
                          "changed: please report this, with the file")
    return text
