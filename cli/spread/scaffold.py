"""Planning a new site: which playbook version and commit it adopts, and the text of its site.yaml.

Pure apart from reading git (through `spread.gitio`): the command asks the questions, this module
turns the answers into files, and `write_all` writes them — all of them or, on any refusal, none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spread import gitio
from spread.choices import is_option
from spread.errors import SpreadError, display_path
from spread.model import LocalComponent, Playbook
from spread.render import comment, field, modeline, scalar
from spread.repo import Network
from spread.rules.common import words
from spread.yamlio import write_atomic


@dataclass(frozen=True)
class Choice:
    component: str
    choice: str
    reason: str


@dataclass(frozen=True)
class SiteAnswers:
    """Everything the form asks, checked: what a new site.yaml is made from."""

    name: str
    host: str
    started: str
    choices: tuple[Choice, ...]
    host_type: str | None = None
    area: str | None = None
    stage: str = "installation"
    contact: str | None = None


@dataclass(frozen=True)
class Adopted:
    """The playbook version a site adopts, the commit it came from, and why there is none if so."""

    playbook: Playbook
    commit: str | None
    note: str | None = None


def adopt(network: Network, playbook_id: str, version: str | None) -> Adopted:
    """The playbook at the version asked for (default: the newest known), with the commit to record."""
    known = network.versions(playbook_id)
    if playbook_id not in network.playbooks and not known:
        path = network.root / "playbooks" / playbook_id / "playbook.yaml"
        if path.is_file():
            raise SpreadError(f"{display_path(path, network.root)} has problems, so no site can adopt it yet: "
                              f"run `spread check playbooks/{playbook_id}` and fix them first")
        raise SpreadError(f"there is no playbook `{playbook_id}` in {network.root}: the playbooks here are "
                          f"{words(sorted(network.playbooks))}")
    version = version or network.latest(playbook_id) or network.playbooks[playbook_id].version
    playbook = network.playbook_version(playbook_id, version)
    if playbook is None:
        raise SpreadError(f"version {version} of `{playbook_id}` was not found (no archived release and no git tag "
                          f"{gitio.tag_name(playbook_id, version)}): known versions are {words(known)}")
    commit, note = _commit(network, playbook)
    return Adopted(playbook, commit, note)


def _commit(network: Network, playbook: Playbook) -> tuple[str | None, str | None]:
    repo = network.git
    if repo is None:
        return None, "this handbook is not in a git repository"
    tagged = gitio.commit_of(repo, gitio.tag_name(playbook.id, playbook.version))
    if tagged is not None:
        return tagged, None
    # No tag: the version is the working (or archived) file, which is only a commit if it is committed as it is.
    path = playbook.doc.path
    if gitio.file_at(repo, "HEAD", gitio.relative_to_top(repo, path)) == path.read_bytes():
        return gitio.head_commit(repo), None
    return None, f"{display_path(path, network.root)} has changes that are not committed yet"


def site_yaml(root: Path, folder: Path, site_id: str, adopted: Adopted, answers: SiteAnswers, today: str) -> str:
    """The text of a new site.yaml, with the comments that guide whoever edits it next."""
    pb = adopted.playbook
    lines = [modeline(folder, root, "site"),
             *comment(f"{answers.name} runs the playbook `{pb.id}` ({pb.title}), version {pb.version}. Written by "
                      f"`spread site new` on {today}. Record every later local choice or departure under "
                      "`adaptations`, with its reason, then run `spread check`."),
             *field("id", site_id), *field("name", answers.name), "playbook:", *field("id", pb.id, 2),
             *field("version", pb.version, 2, "the version this site follows; move on with `spread site upgrade`")]
    if adopted.commit:
        lines += field("commit", adopted.commit, 2, "the exact playbook text adopted")
    else:
        lines += comment(f"commit: not recorded ({adopted.note})", 2)
    lines += ["host:", *field("name", answers.host, 2)]
    kinds = "type: add the kind of organisation (charity, school, nhs, other…)"
    lines += field("type", answers.host_type, 2) if answers.host_type else comment(kinds, 2)
    for key, value in (("area", answers.area), ("contact", answers.contact)):
        if value:
            lines += field(key, value)
    lines += [*comment("stage: exploration, installation, initial-implementation, full-implementation, sustainment, "
                       "paused or closed. Change it as the site moves on."),
              *field("stage", answers.stage), f"started: {answers.started}"]
    return "\n".join([*lines, *_adaptations(pb, answers.choices)]) + "\n"


def _adaptations(pb: Playbook, choices: tuple[Choice, ...]) -> list[str]:
    if not choices:
        return ["adaptations: []"]
    lines = ["", *comment("One record per local choice, with FRAME's details: when it was made (pre-implementation, "
                      "implementation, scale-up, sustainment), whether it was planned (proactive, reactive, "
                      "unplanned), who decided, and whether the component's purpose is kept (fidelity)."),
             "adaptations:"]
    locals_ = {local.id: local for local in pb.local}
    for choice in choices:
        local = locals_[choice.component]
        lines += comment(f"{local.title}: {_allowed(local)}", 2)
        lines += [f"  - component: {scalar(choice.component)}", *field("choice", choice.choice, 4),
                  *field("reason", choice.reason, 4), "    when: pre-implementation", "    planned: proactive",
                  "    decided_by:", "      - site-team"]
        if not is_option(local, choice.choice):
            lines += ["    nature:", "      - tailoring"]  # the site's own words, within the playbook's limits
        lines.append("    fidelity: consistent")
    return lines


def _allowed(local: LocalComponent) -> str:
    parts = [f"one of {', '.join(local.option_ids)}"] if local.options else []
    if local.free_text:
        parts.append("your own words" + (f" (at most {local.max_length} characters)" if local.max_length else ""))
    allowed = " or ".join(parts)
    return allowed + (f". Not allowed: {'; '.join(v.rstrip('.') for v in local.prohibited)}." if local.prohibited else "")


def write_all(files: dict[Path, str], root: Path, *, force: bool) -> None:
    """Write every file, or none: refuse before writing anything if one exists (unless forced)."""
    if not force:
        refuse_existing(list(files), root)
    for path, text in files.items():
        write_atomic(path, text, force=force)


def refuse_existing(paths: list[Path], root: Path) -> None:
    for path in paths:
        if path.exists():
            raise SpreadError(f"{display_path(path, root)} already exists: Spread never overwrites it. Use --force "
                              "to replace it, or choose another name.")
