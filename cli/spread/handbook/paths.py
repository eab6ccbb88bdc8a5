"""Where each generated page lives in the build folder, and how one page links to another.

One place for the layout, so that a link written on one page always finds the page another module wrote.
Markdown links are written between `.md` files: MkDocs turns them into URLs and, in strict mode, fails on
any that points nowhere. Links in raw HTML are written as the built site's URLs (`url`), and `links.broken`
checks them before MkDocs runs.
"""

from __future__ import annotations

import re
from urllib.parse import quote

HOME = "index.md"
REFERENCE = "reference/index.md"
SCHEMA_PAGES = {"playbook": "reference/playbook-file.md", "site": "reference/site-file.md",
                "audit": "reference/audit-file.md", "review": "reference/review-file.md"}
ASSETS = "assets/spread"
# Characters a URL path may hold as they are (ids are lower-case words and hyphens; versions, digits and dots).
_PLAIN = re.compile(r"[A-Za-z0-9._~/-]*")


def playbook(playbook_id: str) -> str:
    return f"playbooks/{playbook_id}/index.md"


def dashboard(playbook_id: str) -> str:
    return f"playbooks/{playbook_id}/dashboard.md"


def sites(playbook_id: str) -> str:
    """The index of a playbook's sites: in the navigation, where the sites themselves are not. Beside the sites'
    folder rather than in it, where a site called `index` would have the same name."""
    return f"playbooks/{playbook_id}/sites.md"


def site(playbook_id: str, folder: str) -> str:
    return f"playbooks/{playbook_id}/sites/{folder}.md"


def checklist(playbook_id: str, version: str) -> str:
    return f"playbooks/{playbook_id}/audit-checklist-{version}.md"


def form(playbook_id: str, version: str) -> str:
    """The self-audit form to fill in in a browser, for one version a site runs."""
    return f"playbooks/{playbook_id}/audit-form-{version}.md"


def form_data(playbook_id: str, version: str) -> str:
    """What the form's script needs about that version (`handbook.form_data`)."""
    return f"{ASSETS}/forms/{playbook_id}-{version}.js"


def download(playbook_id: str, version: str) -> str:
    return f"downloads/{playbook_id}/{playbook_id}-{version}.yaml"


def audit_template(playbook_id: str, version: str) -> str:
    return f"downloads/{playbook_id}/{playbook_id}-{version}-audit-template.yaml"


def csv_file(playbook_id: str | None, table: str) -> str:
    """A table as CSV (`spread report [<id>] --format csv --table <table>`): one playbook's, or the network's."""
    return f"downloads/{playbook_id}/{playbook_id}-{table}.csv" if playbook_id else f"downloads/network-{table}.csv"


def schema_file(kind: str) -> str:
    return f"downloads/schemas/{kind}.schema.json"


def relative(source: str, target: str) -> str:
    """The path from the folder of `source` to `target`, both relative to the build folder and normalised.
    (`posixpath.relpath` asks the operating system for the current folder on every call, thousands of
    times over in a large handbook.)"""
    base, parts = source.split("/")[:-1], target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


def href(source: str, target: str, anchor: str = "") -> str:
    """The relative link from page `source` to file `target`, in angle brackets so any path is one link."""
    return f"<{relative(source, target)}{'#' + anchor if anchor else ''}>"


def url(source: str, target: str, anchor: str = "") -> str:
    """The relative URL from page `source` to file `target` in the built site, for links in raw HTML, which
    MkDocs leaves as written: pages become `.html` (the handbook is built without directory URLs)."""
    built = target[:-3] + ".html" if target.endswith(".md") else target
    path = relative(source, built)
    path = path if _PLAIN.fullmatch(path) else quote(path)
    return f"{path}#{quote(anchor)}" if anchor else path
