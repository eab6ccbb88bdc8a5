"""The user's `nav` in mkdocs.yml, checked against the pages the handbook will have: a hand-written page in docs/
or a page the generator writes. `spread check` and `spread publish` both report a missing one at its line,
so a build never fails on it after minutes of work (MkDocs would, in strict mode, with its own words).

Reads the file system only (folder names, not YAML files), so it costs nothing next to the check itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from spread.errors import Problem, SpreadError
from spread.handbook import config, paths
from spread.network.symlinks import LinkRefused, read_inside, tree

SETTINGS = "mkdocs.yml"
RULE = "nav-page-missing"


def problems(root: Path) -> list[Problem]:
    """A problem at each entry of mkdocs.yml's `nav` that names a page there will not be; one if the file itself
    cannot be read as YAML (`spread publish` would stop on it too)."""
    try:
        text = read_inside(root, SETTINGS).decode("utf-8")
    except (OSError, LinkRefused, UnicodeDecodeError):
        return []  # no settings (the defaults serve), or a link `spread check` reports as such
    try:
        user = config.load_user(text)
    except SpreadError as exc:
        return [Problem(SETTINGS, 1, 1, "error", exc.format_message(), "mkdocs-invalid")]
    nav = user.get("nav")
    if not isinstance(nav, list):
        return []
    there, patterns = pages(root)
    return [Problem(SETTINGS, line, col, "error", _message(page), RULE) for page, line, col in entries(nav)
            if _normal(page) not in there and not any(fnmatchcase(_normal(page), p) for p in patterns)]


def entries(nav: list[Any]) -> Iterator[tuple[str, int, int]]:
    """Every page path the navigation names, with its line and column (1-based); links to websites and absolute
    paths are not pages, and are left out."""
    for index, item in enumerate(nav):
        if isinstance(item, str):
            yield from _page(item, nav, index)
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield from _page(value, item, title)
                elif isinstance(value, list):
                    yield from entries(value)


def _page(value: str, parent: Any, key: Any) -> Iterator[tuple[str, int, int]]:
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("/"):
        return
    where = getattr(parent, "lc", None)
    line, col = (where.item(key) if isinstance(key, int) else where.value(key)) if where is not None else (0, 0)
    yield value, line + 1, col + 1


def _normal(page: str) -> str:
    return PurePosixPath(page).as_posix()


def pages(root: Path) -> tuple[set[str], list[str]]:
    """Every page path a nav entry may name: the files of docs/, and the pages the generator writes for the
    playbooks and sites whose folders are here; as paths, and as patterns for the pages of each version."""
    found = {rel.removeprefix("docs/") for rel in tree(root, "docs")[0]}
    found |= {paths.HOME, paths.REFERENCE, *paths.SCHEMA_PAGES.values(), *map(paths.schema_file, paths.SCHEMA_PAGES)}
    patterns = []
    for playbook in _folders(root / "playbooks"):
        if (root / "playbooks" / playbook / "playbook.yaml").is_file():
            found |= {paths.playbook(playbook), paths.dashboard(playbook), paths.sites(playbook)}
            found |= {paths.site(playbook, site) for site in _folders(root / "fidelity" / playbook)}
            patterns += [paths.checklist(playbook, "*"), paths.download(playbook, "*"),
                         paths.audit_template(playbook, "*")]
    return found, patterns


def _folders(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return [entry.name for entry in entries if entry.is_dir() and not entry.name.startswith(".")]
    except OSError:
        return []


def _message(page: str) -> str:
    own = page.split("/", 1)[0] in ("playbooks", "reference", "downloads")
    fix = ("it is not a page the handbook generates either (they are added to the navigation by themselves): "
           "correct or remove this line") if own else f"create docs/{_normal(page)}, or correct or remove this line"
    return f"the navigation names `{page}`, which is not in docs/: {fix}"
