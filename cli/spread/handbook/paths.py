"""Where each generated page lives in the build folder, and how one page links to another.

One place for the layout, so that a link written on one page always finds the page another module wrote.
Links are written between `.md` files: MkDocs turns them into URLs and, in strict mode, fails on any that
points nowhere.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
REFERENCE = "reference/index.md"
SCHEMA_PAGES = {"playbook": "reference/playbook-file.md", "site": "reference/site-file.md",
                "audit": "reference/audit-file.md"}
ASSETS = "assets/spread"


def playbook(playbook_id: str) -> str:
    return f"playbooks/{playbook_id}/index.md"


def dashboard(playbook_id: str) -> str:
    return f"playbooks/{playbook_id}/dashboard.md"


def site(playbook_id: str, folder: str) -> str:
    return f"playbooks/{playbook_id}/sites/{folder}.md"


def checklist(playbook_id: str, version: str) -> str:
    return f"playbooks/{playbook_id}/audit-checklist-{version}.md"


def download(playbook_id: str, version: str) -> str:
    return f"downloads/{playbook_id}/{playbook_id}-{version}.yaml"


def audit_template(playbook_id: str, version: str) -> str:
    return f"downloads/{playbook_id}/{playbook_id}-{version}-audit-template.yaml"


def schema_file(kind: str) -> str:
    return f"downloads/schemas/{kind}.schema.json"


def href(source: str, target: str, anchor: str = "") -> str:
    """The relative link from page `source` to file `target`, in angle brackets so any path is one link."""
    relative = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return f"<{relative}{'#' + anchor if anchor else ''}>"
