"""The generator's reading and writing: inputs from the repository, and the build folder on disk.

Writing only what changed keeps `spread serve` quick and leaves untouched pages with their old times;
files that are no longer generated (a site that was removed) are deleted, so no stale page is published.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from spread import gitio
from spread.errors import SpreadError
from spread.handbook import paths
from spread.handbook.generate import Inputs
from spread.repo import Network
from spread.schemas import KINDS, schema, schema_text
from spread.semver import sort_key

ASSETS = ("spread.css", "spread.js", "iframe-worker.js")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpreadError(f"cannot read {path}: {exc}") from None


def releases(network: Network, playbook_id: str) -> dict[str, bytes]:
    """The file of every known version of a playbook: the working file, archived releases, then git tags."""
    folder = network.root / "playbooks" / playbook_id
    found: dict[str, bytes] = {}
    current = network.playbooks[playbook_id]
    for version in dict.fromkeys([*network.versions(playbook_id), current.version]):
        archived = folder / "releases" / f"{version}.yaml"
        if archived.is_file():
            found[version] = archived.read_bytes()
        elif version == current.version:
            found[version] = current.doc.path.read_bytes()
        elif network.git is not None:
            rel = gitio.relative_to_top(network.git, folder / "playbook.yaml")
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
        changelog = _read(network.root / "playbooks" / pid / "CHANGELOG.md")
        if changelog is not None:
            changelogs[pid] = changelog
    downloads.update({paths.schema_file(kind): schema_text(kind).encode() for kind in KINDS})
    inputs = Inputs(site_name, _read(network.root / "docs" / paths.HOME), changelogs, versions,
                    {kind: schema(kind) for kind in KINDS})
    return inputs, downloads


def docs(root: Path) -> dict[str, bytes]:
    """The hand-written pages and their files from docs/, except the home page (the generator merges it)."""
    folder = root / "docs"
    found = {}
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel != paths.HOME and not any(p.startswith(".") for p in rel.split("/")):
            found[rel] = path.read_bytes()
    return found


def assets() -> dict[str, bytes]:
    here = resources.files("spread.handbook").joinpath("assets")
    return {f"{paths.ASSETS}/{name}": here.joinpath(name).read_bytes() for name in ASSETS}


def write_if_changed(target: Path, content: bytes) -> bool:
    if target.is_file() and target.read_bytes() == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return True


def sync(folder: Path, files: dict[str, bytes]) -> int:
    """Make `folder` hold exactly `files`; returns how many files were written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, content in files.items():
        written += write_if_changed(folder / rel, content)
    for path in sorted(folder.rglob("*"), reverse=True):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written
