"""Where `spread publish` may build, and how it knows a folder as its own: the `.spread-site` marker.

Publishing replaces the whole output folder, so Spread replaces only a folder it built: one whose marker lists
every file in it, an empty one, or one that does not exist yet. It never builds into the repository itself, a
folder above it, or the folders that hold the user's own files (`LOCATION` says why each is refused).
"""

from __future__ import annotations

import os
from pathlib import Path

from spread.errors import SpreadError, display_path
from spread.handbook import marker

# What each protected folder of the repository holds, to say why a website cannot go there.
HOLDS = {"docs": "your hand-written pages", "playbooks": "your playbooks", "fidelity": "your sites and audits",
         "schemas": "the schemas", ".git": "the repository's history", ".spread-build": "Spread's working files",
         ".spread-cache": "Spread's cache"}
# An MkDocs build, as the default site/ of a Spread from before the marker holds it.
MKDOCS_FILES = ("index.html", "sitemap.xml", "search/search_index.json")
WEB = {".html", ".xml", ".gz", ".json", ".js", ".css", ".map", ".svg", ".png", ".ico", ".woff", ".woff2", ".ttf"}


class Refused(SpreadError):
    """The output folder is not Spread's to replace (the command says so as a bad `--site-dir` when it was one)."""


def _inside(path: Path, folder: Path) -> bool:
    """`path` is `folder` or lies below it; also by identity, for file systems that ignore case."""
    if path == folder or folder in path.parents:
        return True
    return folder.exists() and any(p.exists() and os.path.samefile(p, folder) for p in (path, *path.parents))


def check_location(target: Path, root: Path, docs_dir: str | None = None) -> None:
    """Refuse a target that is a link or a file, the repository or above it, or inside a folder of the user's."""
    shown = display_path(target, Path.cwd())
    if target.is_symlink():
        raise Refused(f"{shown} is a symbolic link: give the path of the real folder, or of a new one, with --site-dir")
    if target.exists() and not target.is_dir():
        raise Refused(f"{shown} is a file, not a folder: move it, or choose a folder for the website with --site-dir")
    if os.path.ismount(target):
        raise Refused(f"{shown} is a mount point, which cannot be swapped for a new website: publish into a new "
                      f"folder inside it, such as {shown}/handbook")
    real, root = target.resolve(), root.resolve()
    if _inside(root, real):
        raise Refused(f"{shown} holds the handbook repository itself: choose a new folder for the website, such as "
                      "site/")
    holds = {**HOLDS, **({docs_dir.rstrip("/"): HOLDS["docs"]} if docs_dir and docs_dir.rstrip("/") else {})}
    for name, what in holds.items():
        if _inside(real, (root / name).resolve()) or (name == ".git" and ".git" in real.parts):
            where = "is" if real == (root / name).resolve() else "is inside"
            raise Refused(f"{shown} {where} {name}/, which holds {what}: choose a folder outside it, such as site/")


def check_contents(target: Path, root: Path, default: bool) -> set[str] | None:
    """Refuse a target holding anything Spread did not write there. For an unmarked target that may be replaced
    (one without files, or the default site/ of a Spread from before the marker), returns the files it holds."""
    if not target.is_dir():
        return None
    shown = display_path(target, Path.cwd())
    found = marker.entries(target)
    if marker.owned(target):
        listed = marker.listed(target)
        foreign = sorted(found - listed) if listed is not None else []  # unfinished: all of it is Spread's
        if foreign:
            more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
            raise Refused(f"{shown}/{foreign[0]} was not written by Spread{more}: move it out of {shown} (publishing "
                          "replaces the whole folder) and publish again")
        return None
    if not found or default and earlier_build(target, root):
        return found
    how = "move its files elsewhere, or choose another folder with --site-dir" if default else \
        "choose an empty folder or a new name"
    raise Refused(f"{shown} is not empty and was not built by Spread (it has no {marker.NAME} file): publishing "
                  f"replaces the whole folder, so {how}")


# What a build puts under downloads/: blank audit files (YAML) and the dashboards' tables (CSV).
DOWNLOADS = {".yaml", ".csv"}


def earlier_build(folder: Path, root: Path) -> bool:
    """Every file is one an MkDocs build writes: a web file, a download, or a copy of a page from docs/."""
    if not all((folder / name).is_file() for name in MKDOCS_FILES):
        return False
    for rel in marker.entries(folder):
        path = folder / rel
        if path.is_symlink() or any(part.startswith(".") for part in rel.split("/")):
            return False
        # (a bundled library's licence ships beside it, as `assets/spread/vendor/LICENSE-ajv`)
        if path.suffix in WEB or (rel.startswith("downloads/") and path.suffix in DOWNLOADS) or \
                (rel.startswith("assets/") and path.name.startswith("LICENSE")):
            continue
        copy = root / "docs" / rel
        if copy.is_symlink() or not (copy.is_file() and copy.read_bytes() == path.read_bytes()):
            return False
    return True
