"""Planning a new site: the answers it is made from, the text of its site.yaml, and writing all or nothing.

The command asks the questions (`spread.adopt.prompts`), this module turns the answers into text, and
`write_all` writes the files — all of them or, on any refusal, none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spread.adopt.lock import Adopted
from spread.adopt.principles import principle_lines
from spread.adopt.records import Choice, sections
from spread.errors import SpreadError, display_path
from spread.yaml.render import comment, field, modeline
from spread.yaml.write import write_atomic


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
    pair: tuple[str, str] | None = None  # a mentoring pair's mentor and mentee, by role (`spread.model.adopters`)
    principles: tuple[tuple[str, str], ...] = ()  # how the site enacts each principle (`spread.adopt.principles`)


def site_yaml(root: Path, folder: Path, site_id: str, adopted: Adopted, answers: SiteAnswers, today: str) -> str:
    """The text of a new site.yaml, with the comments that guide whoever edits it next."""
    pb = adopted.playbook
    lines = [modeline(folder, root, "site"),
             *comment(f"{answers.name} runs the playbook `{pb.id}` ({pb.title}), version {pb.version}. Written by "
                      f"`spread site new` on {today}. Record a later choice among the playbook's options under "
                      "`choices`, any departure from the playbook under `adaptations`, then run `spread check`."),
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
    if answers.pair:
        lines += ["pair:", *comment("by role and background only, never a name: this file is published", 2),
                  *field("mentor", answers.pair[0], 2), *field("mentee", answers.pair[1], 2)]
    lines += [*comment("stage: exploration, installation, initial-implementation or full-implementation (NIRN's "
                       "stages), or paused or closed. Change it as the site moves on."),
              *field("stage", answers.stage), f"started: {answers.started}"]
    return "\n".join([*lines, *sections(pb, answers.choices), *principle_lines(pb, answers.principles)]) + "\n"


def write_all(files: dict[Path, str] | dict[Path, bytes], root: Path, *, force: bool) -> None:
    """Write every file, or none: refuse before writing anything if one exists (unless forced)."""
    if not force:
        refuse_existing(list(files), root)
    written: list[Path] = []
    try:
        for path, text in files.items():
            write_atomic(path, text, force=force)
            written.append(path)
    except OSError:  # a full disk after the first file: take back the files this call created
        if not force:
            for path in written:
                path.unlink(missing_ok=True)
        raise


def refuse_existing(paths: list[Path], root: Path) -> None:
    for path in paths:
        if path.exists():
            raise SpreadError(f"{display_path(path, root)} already exists: Spread never overwrites it. Use --force "
                              "to replace it, or choose another name.")
