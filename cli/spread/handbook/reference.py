"""The reference pages: the four file formats as readable field tables, and every file to download.

Generated from the JSON Schemas the command line validates with, so the reference cannot drift from the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spread.handbook import paths
from spread.handbook.blocks import front_matter, section, table
from spread.handbook.escaping import MARKDOWN_FIELDS, text

KINDS = {"playbook": ("The playbook file", "playbooks/<id>/playbook.yaml",
                      "Written by the innovator: the model, its components and its self-audit."),
         "site": ("The site file", "fidelity/<playbook>/<site>/site.yaml",
                  "Written when a site adopts a playbook, then kept by the site: its choices and adaptations."),
         "audit": ("The self-audit file", "fidelity/<playbook>/<site>/audits/<period>.yaml",
                   "One for each period: the site's ratings, evidence, goal figures and action plan."),
         "review": ("The programme review file", "playbooks/<playbook>/reviews/<review id>/<period>.yaml",
                    "A review of the programme itself, such as readiness to replicate, rated on an instrument the "
                    "playbook declares under `reviews`.")}
TYPES = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
         "array": "list", "object": "group of fields", "null": "empty"}
PLURALS = {"string": "text", "integer": "whole numbers", "number": "numbers", "object": "groups of fields"}
MARKDOWN = "Markdown allowed: paragraphs, lists, headings, emphasis, code and web links."


def _cell(value: str) -> str:
    """Schema wording (ours, with `code` in backticks) in one table cell."""
    return text(value)


def _type(node: dict[str, Any]) -> str:
    given = node.get("type", "")
    kinds: list[str] = given if isinstance(given, list) else [given]
    words = [TYPES.get(k, k) for k in kinds if k and k != "null"]
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        words = [f"list of {PLURALS.get(node['items'].get('type', ''), 'values')}"]
    if "enum" in node:
        words.append("one of " + ", ".join(f"`{v}`" for v in node["enum"] if v is not None))
    return "; ".join(words) + (" (may be empty)" if "null" in kinds else "")


def _anchor(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "top"


def groups(node: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in the schema that has fields, depth first, with its path (`core[].practice`)."""
    if node.get("properties"):
        yield path, node
    for key, child in node.get("properties", {}).items():
        child_path = f"{path}.{key}" if path else key
        if isinstance(child.get("items"), dict):
            yield from groups(child["items"], child_path + "[]")
        yield from groups(child, child_path)
    if isinstance(node.get("additionalProperties"), dict):
        yield from groups(node["additionalProperties"], f"{path}.<id>")


def _row(name: str, path: str, child: dict[str, Any], required: bool, markdown: tuple[str, ...]) -> list[str]:
    target = child["items"] if isinstance(child.get("items"), dict) else child
    # A mapping of plain values (`answers: {agree: 12}`) has no fields of its own, so no section to link to.
    nested = target.get("properties") or isinstance(target.get("additionalProperties"), dict) \
        and bool(target["additionalProperties"].get("properties"))
    child_path = f"{path}.{name}" if path else name
    shown = f"`{name}`"
    if nested:
        inner = child_path + ("[]" if target is not child else "")
        shown = f"[`{name}`](#{_anchor(inner if target.get('properties') else inner + '.<id>')})"
    what = " ".join(x for x in (child.get("title", ""), "—", child.get("description", "")) if x).strip(" —")
    what += f" {MARKDOWN}" if child_path in markdown else ""
    return [shown, _cell(what), _cell(_type(child)), "Yes" if required else ""]


def schema_page(kind: str, schema: dict[str, Any]) -> str:
    title, where, about = KINDS[kind]
    parts = [f"# {title}", f"`{where}`. {about}", _cell(schema.get("description", "")),
             (f"[Download the JSON Schema]({paths.href(paths.SCHEMA_PAGES[kind], paths.schema_file(kind))}) "
             "for editors that check YAML as you type.")]
    for path, node in groups(schema):
        required = set(node.get("required", []))
        rows = [_row(name, path, child, name in required, MARKDOWN_FIELDS.get(kind, ()))
                for name, child in node["properties"].items()]
        heading = f"`{path}`" if path else "Top level"
        parts += [f"## {heading} {{ #{_anchor(path)} }}", _cell(node.get("title", "")) if path else "",
                  section('<div class="spread-fields" markdown>',
                          table(["Field", "What it is", "Type", "Required"], rows), "</div>")]
    return front_matter(title) + section(*parts) + "\n"


def reference_page(playbooks: list[tuple[str, str, list[str]]]) -> str:
    """`playbooks`: (id, title, versions with files, newest last) for each playbook."""
    page = paths.REFERENCE
    files = [[f"[{title}]({paths.href(page, paths.SCHEMA_PAGES[kind])})", f"`{where}`", about]
             for kind, (title, where, about) in KINDS.items()]
    rows = [[text(title), text(version),
             (f"[Playbook file]({paths.href(page, paths.download(pid, version))}) · "
             f"[Blank audit file]({paths.href(page, paths.audit_template(pid, version))}) · "
             f"[Printable checklist]({paths.href(page, paths.checklist(pid, version))})")]
            for pid, title, versions in playbooks for version in reversed(versions)]
    return front_matter("Reference") + section(
        "# Reference", "Everything in this handbook comes from three kinds of YAML file, kept in the handbook's "
        "repository and checked by `spread check`.", table(["File", "Where it lives", "What it holds"], files),
        "## Downloads", "Each playbook version as a file, with a blank self-audit to fill in.",
        table(["Playbook", "Version", "Files"], rows) if rows else "No playbooks yet.") + "\n"
