"""Writing an upgrade into site.yaml: only the lines that change, so the site's comments and wording stay."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spread.errors import Problem, SpreadError
from spread.model.schemas import validate
from spread.versions.upgrade import UpgradePlan
from spread.yaml.edit import Editor, Entry, block_of
from spread.yaml.read import parse_document

# The order of a site file's top-level fields: a list that does not exist yet goes after those before it.
SITE_KEYS = ("id", "name", "playbook", "host", "area", "contact", "stage", "started", "adaptations", "retired",
             "upgrades", "notes")


@dataclass(frozen=True)
class Answer:
    """What the site chose for a local component during the upgrade, and why."""

    choice: str
    reason: str


def _after(key: str) -> tuple[str, ...]:
    return SITE_KEYS[: SITE_KEYS.index(key)]


def rewrite_site(text: str, plan: UpgradePlan, answers: dict[str, Answer], commit: str | None, today: str) -> str:
    """The new text of site.yaml: version and commit, retired records, new choices and the upgrade record."""
    editor = Editor(text)
    new = plan.new.version
    editor.set_scalar(("playbook", "version"), new)
    editor.set_key(("playbook",), "commit", commit)
    records: list[dict[str, Any]] = list(plan.site.doc.data.get("adaptations") or [])
    retire = plan.retire
    chosen = [{"component": step.component, "choice": answers[step.component].choice,
               "reason": answers[step.component].reason, "date": today} for step in plan.questions]
    node = editor.node(("adaptations",))
    if node is not None and getattr(node, "flow_style", False):
        # A list written on one line is rewritten whole (as JSON, which YAML reads); no comments live inside it.
        kept = [r for i, r in enumerate(records) if i not in retire]
        editor.replace(("adaptations",), json.dumps(kept + chosen, ensure_ascii=False))
        retired = [Entry(block_of({**records[i], "retired_in": new}), {**records[i], "retired_in": new}) for i in retire]
    else:
        retired = [Entry(editor.item_block(("adaptations",), i, {"retired_in": new}), {**records[i], "retired_in": new})
                   for i in retire]
        editor.remove_items(("adaptations",), retire)
        if retire and len(retire) == len(records) and not chosen:
            editor.empty(("adaptations",))
        editor.append("adaptations", [Entry(block_of(c), c) for c in chosen], _after("adaptations"))
    column = editor.dash_column("adaptations") or 2
    editor.append("retired", retired, _after("retired"), column)
    record: dict[str, Any] = {"from": plan.old.version, "to": new, "date": today}
    record.update({"commit": commit} if commit else {})
    record.update({"review": plan.review} if plan.review else {})
    editor.append("upgrades", [Entry(block_of(record), record)], _after("upgrades"), column)
    return editor.result()


def checked(text: str, path: Path, shown: str) -> str:
    """The rewritten text, if it is still a valid site file; otherwise stop before anything is written."""
    doc = parse_document(text.encode("utf-8"), path, shown)
    problems = [doc] if isinstance(doc, Problem) else validate(doc, "site", shown)
    if problems:
        raise SpreadError(f"Spread could not update {shown} safely ({problems[0].message}), so nothing was "
                          "changed: please report this, with the file")
    return text
