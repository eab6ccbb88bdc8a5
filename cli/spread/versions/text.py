"""How `spread playbook diff` shows a comparison: text for people, JSON for tools, Markdown for pull requests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from spread.errors import words
from spread.versions.changes import Change
from spread.versions.diff import bump_between, needed_bump, rank
from spread.versions.revisions import Revision


@dataclass(frozen=True)
class Comparison:
    playbook_id: str
    old: Revision
    new: Revision
    changes: list[Change]
    # Local component id -> the sites whose recorded choice the new version no longer allows (`impact`).
    choose_again: dict[str, tuple[str, ...]] = field(default_factory=dict)


def affected(c: Comparison) -> list[str]:
    """For each local component, the sites that must choose again for it when they upgrade, in one sentence."""
    lines = []
    for component, sites in sorted(c.choose_again.items()):
        many = len(sites) != 1
        who = f"{len(sites)} sites must choose again when they upgrade" if many else \
            "1 site must choose again when it upgrades"
        whose = "their choices are" if many else "its choice is"
        lines.append(f"`{component}`: {who} ({words(list(sites), joiner='and')}): {whose} no longer allowed.")
    return lines


def verdict(c: Comparison) -> str:
    """One sentence: which release the changes need, and whether the versions already say so."""
    needed = needed_bump(c.changes)
    if needed is None:
        return f"No changes between {c.old.label} and {c.new.label}."
    counts = {b: sum(ch.bump == b for ch in c.changes) for b in ("major", "minor", "patch")}
    detail = ", ".join(f"{n} {b}" for b, n in counts.items() if n)
    line = f"These changes need a {needed} release ({detail})."
    old, new = c.old.playbook.version, c.new.playbook.version
    if old == new:
        return line + f" The version is still {new}: release it with `spread playbook release {c.playbook_id}`."
    done = bump_between(old, new)
    if rank(done) < rank(needed):
        went = f"only a {done} release" if done else "not a later version"
        return line + f" But {old} to {new} is {went}: the version should go to a new {needed} version."
    return line


def text(c: Comparison) -> str:
    lines = [f"Changes to {c.playbook_id} from {c.old.label} to {c.new.label}:"] if c.changes else []
    lines += [f"  {ch.bump:<5}  {ch.message} [{ch.rule}]" for ch in c.changes]
    sites = affected(c)
    lines += ["", "Sites this affects:", *(f"  {line}" for line in sites)] if sites else []
    return "\n".join([*lines, *([""] if lines else []), verdict(c)])


def as_json(c: Comparison) -> str:
    def side(r: Revision) -> dict[str, str]:
        return {"name": r.label, "version": r.playbook.version}

    return json.dumps({"playbook": c.playbook_id, "from": side(c.old), "to": side(c.new),
                       "needed": needed_bump(c.changes), "changes": [vars(ch) for ch in c.changes],
                       "choose_again": {k: list(v) for k, v in sorted(c.choose_again.items())}},
                      indent=2, ensure_ascii=False)


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def markdown(c: Comparison) -> str:
    lines = [f"### Changes to `{c.playbook_id}` from {_cell(c.old.label)} to {_cell(c.new.label)}", "",
             _cell(verdict(c)), ""]
    if c.changes:
        lines += ["| Needs | What changed | Rule |", "|---|---|---|"]
        lines += [f"| {ch.bump} | {_cell(ch.message)} | `{ch.rule}` |" for ch in c.changes]
    sites = affected(c)
    if sites:
        lines += ["", "Sites this affects:", "", *(f"- {_cell(line)}" for line in sites)]
    return "\n".join(lines).rstrip("\n")


FORMATS: dict[str, Callable[[Comparison], str]] = {"text": text, "json": as_json, "markdown": markdown}
