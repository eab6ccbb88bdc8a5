"""The generator's reading and writing: inputs from the repository, and the build folder on disk.

Writing only what changed keeps `spread serve` quick and leaves untouched pages with their old times;
files that are no longer generated (a site that was removed) are deleted, so no stale page is published.

Nothing is read through a symbolic link that leads out of the repository (`spread.network.symlinks`): such a page,
image, changelog or release is left out of the build. `spread check` reports it and `spread publish` refuses to
build until it is fixed, so leaving it out only matters if a link appears after the check. Nothing is written
or deleted through a link either: one found in the build folder is removed, never followed.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from spread.errors import SpreadError
from spread.handbook import paths
from spread.handbook.generate import Inputs
from spread.model.schemas import KINDS, schema, schema_text
from spread.model.semver import sort_key
from spread.network import gitio
from spread.network.repo import Network
from spread.network.reviews import load_reviews
from spread.network.symlinks import LinkRefused, read_inside, tree

ASSETS = ("spread.css", "spread.js", "spread-score.js", "iframe-worker.js", "spread-form.js", "spread-form-plan.js",
          "spread-adopt.js", "vendor/audit-validator.js", "vendor/LICENSE-ajv")


def _bytes(root: Path, rel: str) -> bytes | None:
    """A repository file, or None when it is missing, a folder, or a link Spread does not follow."""
    try:
        return read_inside(root, rel)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, LinkRefused):
        return None
    except OSError as exc:
        raise SpreadError(f"cannot read {root / rel}: {exc}") from None


def _read(root: Path, rel: str) -> str | None:
    raw = _bytes(root, rel)
    try:
        return None if raw is None else raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpreadError(f"cannot read {root / rel}: {exc}") from None


def settings(root: Path) -> str | None:
    """The text of the user's mkdocs.yml; None when there is none, or it is a link Spread does not follow."""
    return _read(root, "mkdocs.yml")


def releases(network: Network, playbook_id: str) -> dict[str, bytes]:
    """The file of every known version of a playbook: the working file, archived releases, then git tags."""
    root = network.root
    found: dict[str, bytes] = {}
    current = network.playbooks[playbook_id]
    for version in dict.fromkeys([*network.versions(playbook_id), current.version]):
        raw = _bytes(root, f"playbooks/{playbook_id}/releases/{version}.yaml")
        if raw is None and version == current.version:
            raw = _bytes(root, os.path.relpath(current.doc.path, root))
        if raw is not None:
            found[version] = raw
        elif network.git is not None:
            rel = network.in_git(f"playbooks/{playbook_id}/playbook.yaml")
            raw = gitio.file_at(network.git, gitio.tag_name(playbook_id, version), rel)
            if raw is not None:
                found[version] = raw
    return dict(sorted(found.items(), key=lambda kv: sort_key(kv[0]) or ()))


def read_inputs(network: Network, site_name: str) -> tuple[Inputs, dict[str, bytes]]:
    """The generator's inputs, and the files to publish as they are (playbook versions, schemas)."""
    downloads: dict[str, bytes] = {}
    versions: dict[str, list[str]] = {}
    changelogs: dict[str, str] = {}
    for pid in sorted(network.playbooks):
        files = releases(network, pid)
        versions[pid] = list(files)
        downloads.update({paths.download(pid, version): raw for version, raw in files.items()})
        changelog = _read(network.root, f"playbooks/{pid}/CHANGELOG.md")
        if changelog is not None:
            changelogs[pid] = changelog
    downloads.update({paths.schema_file(kind): schema_text(kind).encode() for kind in KINDS})
    inputs = Inputs(site_name, _read(network.root, f"docs/{paths.HOME}"), changelogs, versions,
                    {kind: schema(kind) for kind in KINDS}, load_reviews(network.root))
    return inputs, downloads


def docs(root: Path) -> dict[str, bytes]:
    """The hand-written pages and their files from docs/, except the home page (the generator merges it)."""
    found = {}
    for rel in tree(root, "docs")[0]:  # hidden files left out, and links Spread does not follow
        page = rel.removeprefix("docs/")
        raw = _bytes(root, rel) if page != paths.HOME else None
        if raw is not None:
            found[page] = raw
    return found


def assets() -> dict[str, bytes]:
    here = resources.files("spread.handbook").joinpath("assets")
    return {f"{paths.ASSETS}/{name}": here.joinpath(*name.split("/")).read_bytes() for name in ASSETS}


def write_if_changed(target: Path, content: bytes) -> bool:
    """Write a file of the build folder unless it already holds `content`; a link in its place is removed, not
    written through."""
    if target.is_symlink():
        target.unlink()
    elif target.is_file() and target.read_bytes() == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return True


def sync(folder: Path, files: dict[str, bytes]) -> int:
    """Make `folder` hold exactly `files`; returns how many files were written."""
    for path in (folder, *folder.parents):  # up to the build folder itself (`.spread-build`)
        if path.is_symlink():
            raise SpreadError(f"{path} is a link to {os.path.realpath(path)}: Spread builds the handbook there and "
                              "never writes through a link, so delete the link and publish again")
        if path.name.startswith("."):
            break
    folder.mkdir(parents=True, exist_ok=True)
    for top, dirs, names in os.walk(folder):  # links first: a page must not be written through one
        for name in [*dirs, *names]:
            if os.path.islink(os.path.join(top, name)):
                os.unlink(os.path.join(top, name))
    written = 0
    for rel, content in files.items():
        written += write_if_changed(folder / rel, content)
    for top, dirs, names in os.walk(folder, topdown=False):
        for name in names:
            rel = Path(top, name).relative_to(folder).as_posix()
            if rel not in files:
                os.unlink(os.path.join(top, name))
        for name in dirs:
            if not os.listdir(os.path.join(top, name)):
                os.rmdir(os.path.join(top, name))
    return written
