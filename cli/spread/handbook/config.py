"""The MkDocs configuration the handbook is built with: the user's own `mkdocs.yml` (title, colours, logo,
extra pages) with the generated pages slotted into its navigation, and the settings that keep the handbook
offline and private whatever the user wrote.

Read and written with ruamel.yaml's round trip, so the user's tags (`!ENV`, `!!python/name:`) survive.
Pure: text in, text out. The navigation lists sections, playbooks, their dashboards and an index of their sites, never every site: every
page repeats the navigation, so a navigation with thousands of sites makes every page heavy.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from spread.errors import SpreadError
from spread.handbook import paths
from spread.handbook.escaping import html
from spread.handbook.theme import FOLDER as theme_folder

# Extensions the generated pages use; added when the user's list lacks them, never configured over theirs.
EXTENSIONS: list[Any] = ["tables", "admonition", "attr_list", "md_in_html", "def_list", "pymdownx.details",
                         {"toc": {"permalink": True}}]
VALIDATION = {"nav": {"omitted_files": "info", "not_found": "warn", "absolute_links": "info"},
              "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "info",
                        "unrecognized_links": "warn"}}
# Sites and printable checklists are reached from their playbook, its dashboard and search.
NOT_IN_NAV = "/playbooks/*/sites/\n/playbooks/*/audit-checklist-*.md\n"
# Where the configuration builds by hand (`mkdocs build -f .spread-build/mkdocs.yml`), inside its own folder as
# Zensical requires; Spread's own builds name the folder the swap prepared (`mkdocs_build`, `zensical_build`).
OUTPUT = "site"


@dataclass(frozen=True)
class NavPlaybook:
    id: str
    title: str


def _names(entries: list[Any]) -> set[str]:
    return {next(iter(e)) if isinstance(e, dict) else e for e in entries}


def _extensions(user: list[Any]) -> list[Any]:
    have = _names(user)
    return list(user) + [e for e in EXTENSIONS if (next(iter(e)) if isinstance(e, dict) else e) not in have]


def nav(user_nav: list[Any] | None, playbooks: list[NavPlaybook], docs_pages: list[str]) -> list[Any]:
    """Home, the playbooks (each with its dashboard and the index of its sites), the user's own pages, then the
    reference."""
    own = [e for e in (user_nav if user_nav is not None else docs_pages)
           if e != paths.HOME and not (isinstance(e, dict) and list(e.values()) == [paths.HOME])]
    playbook_entries = [{html(p.title): [{"The playbook": paths.playbook(p.id)},
                                         {"Network dashboard": paths.dashboard(p.id)},
                                         {"Sites": paths.sites(p.id)}]} for p in playbooks]
    reference = [{"Reference and downloads": paths.REFERENCE}] + [
        {title: paths.SCHEMA_PAGES[kind]} for kind, title in
        (("playbook", "The playbook file"), ("site", "The site file"), ("audit", "The self-audit file"),
         ("review", "The programme review file"))]
    entries: list[Any] = [{"Home": paths.HOME}]
    if playbook_entries:
        entries.append({"Playbooks": playbook_entries})
    return [*entries, *own, {"Reference": reference}]


def load_user(text: str | None, shown: str = "mkdocs.yml") -> dict[str, Any]:
    if text is None:
        return {}
    try:
        data = YAML().load(text)
    except YAMLError as exc:
        raise SpreadError(f"{shown} is not valid YAML ({' '.join(str(exc).split())[:200]}): fix it and publish "
                          "again") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SpreadError(f"{shown} should be a mapping of MkDocs settings (`site_name: …`)")
    return data


def generated(user: dict[str, Any], nav_entries: list[Any], relocate: str) -> str:
    """The configuration text. `relocate` is the path from the generated file back to the repository, so the
    user's relative paths (hooks) still point at their files. The theme's `custom_dir` is the override folder
    `spread publish` writes beside the configuration (`theme.FOLDER`), which holds the user's own."""
    config = dict(user)
    theme = config.get("theme") or {"name": "material"}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    if theme.get("name", "material") != "material":
        raise SpreadError(f"mkdocs.yml uses the theme `{theme.get('name')}`: the handbook is built with Material "
                          "for MkDocs, so set `theme: name: material`")
    theme["name"] = "material"
    theme["font"] = False  # Google Fonts would tell Google who reads the handbook
    theme["features"] = [f for f in theme.get("features", []) if not str(f).startswith("navigation.instant")]
    theme["custom_dir"] = theme_folder  # the user's own custom_dir is copied in there (`theme.files`)
    theme.setdefault("variant", "classic")  # Zensical's look of Material, which the handbook's styles are made for
    if config.get("hooks"):
        config["hooks"] = [f"{relocate}/{hook}" for hook in config["hooks"]]
    plugins = list(config.get("plugins") or [])
    plugins += [p for p in ("search", "offline") if p not in _names(plugins)]
    extra = dict(config.get("extra") or {})
    # Material's offline plugin adds a shim from a CDN unless one is listed: list our packaged copy.
    extra["polyfills"] = [*(extra.get("polyfills") or []), f"{paths.ASSETS}/iframe-worker.js"]
    config.update({
        "site_name": config.get("site_name") or "Handbook", "docs_dir": "docs", "site_dir": OUTPUT,
        "use_directory_urls": False, "theme": theme, "plugins": plugins, "nav": nav_entries,
        "markdown_extensions": _extensions(list(config.get("markdown_extensions") or [])),
        "extra_css": [*(config.get("extra_css") or []), f"{paths.ASSETS}/spread.css"],
        "extra_javascript": [*(config.get("extra_javascript") or []), f"{paths.ASSETS}/spread.js",
                             f"{paths.ASSETS}/spread-adopt.js"], "extra": extra,
        "validation": VALIDATION, "not_in_nav": NOT_IN_NAV,
    })
    out = io.StringIO()
    yaml = YAML()
    yaml.width = 4096
    yaml.dump(config, out)
    return "# Generated by `spread publish` from mkdocs.yml: edit that file, not this one.\n" + out.getvalue()
