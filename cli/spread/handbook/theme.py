"""The handbook's theme override folder: Material (or Zensical's theme, its successor), with a
Content-Security-Policy at the top of every page.

`spread publish` writes it to `.spread-build/theme/`, which the generated configuration names as Material's
`custom_dir` (`config.generated`). It holds the user's own `theme.custom_dir` from mkdocs.yml, copied as it is,
and `base.html`: the base template every page extends (Material's, or the user's own), with a
`<meta http-equiv="Content-Security-Policy">` written into its `<head>` outside any block, so that no
template extending it can leave the policy out, and before any script, so that it governs them all.

The policy lets scripts run only from the handbook's own files ('self', which Chromium also matches for
pages opened from file://) and the theme's own inline scripts, by their SHA-256. Those are computed here from
the theme's templates, rendered with the user's settings for every depth of page (one of them names the
path back to the site's top), never from a page's content: an inline script that user text slipped into a
page would not run. No plugins, no `<base>`, no form submissions, nothing fetched from elsewhere.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from spread.errors import SpreadError
from spread.network.symlinks import LinkRefused, read_inside, tree

FOLDER = "theme"  # in the build folder, beside docs/ and mkdocs.yml
DEEPEST = 9  # pages up to this many folders down get their own policy; deeper ones, one without the scope script
POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self' data:; connect-src 'self'; worker-src 'self'; frame-src 'self'; object-src 'none'; "
          "base-uri 'none'; form-action 'none'")
# Executable inline scripts: no `src`, and not a data block such as Material's `<script type="application/json">`.
_INLINE = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*\stype=\"application/json\")[^>]*>(.*?)</script>", re.DOTALL)
_SCRIPT_TEMPLATES = ("partials/javascripts/", "partials/integrations/analytics")
# The page shown for a missing address. MkDocs gives it links from the server's root (`/assets/…`) unless
# `site_url` says where the handbook lives; a handbook opened from its folder (file://) has no such root, so
# without `site_url` its links are relative to the site's top, like the home page's.
NOT_FOUND = """{% extends "main.html" %}
{% if not config.site_url %}{% set base_url = "." %}{% endif %}
{% block content %}
  <h1>Page not found</h1>
  <p>There is no page at this address. Start again from the <a href="{{ 'index.html' | url }}">home page</a>, or
  search the handbook.</p>
{% endblock %}
"""


def _user_files(root: Path, settings: Mapping[str, Any]) -> dict[str, bytes]:
    """The user's own theme folder (`theme.custom_dir`), read as every repository file is: never through a link
    that leads out of the repository."""
    theme = settings.get("theme")
    folder = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    if not folder:
        return {}
    rel = posixpath.normpath(str(folder).replace("\\", "/"))
    if posixpath.isabs(rel) or rel == ".." or rel.startswith("../") or rel == ".":
        raise SpreadError(f"mkdocs.yml: theme.custom_dir `{folder}` is not a folder inside the repository: move "
                          "your theme overrides into one (for example overrides/) and name that")
    if not (root / rel).is_dir():
        raise SpreadError(f"mkdocs.yml: theme.custom_dir `{folder}` is not a folder in the repository: create it, "
                          "or remove the setting")
    found = {}
    for path in tree(root, rel)[0]:
        try:
            found[path.removeprefix(rel + "/")] = read_inside(root, path)
        except (OSError, LinkRefused):
            continue
    return found


def _bases(settings: Mapping[str, Any]) -> list[str]:
    """Every `base_url` a page can have: `.`, `..`, `../..` … for pages, and the site's own path for 404.html."""
    return ["."] + ["/".join([".."] * depth) for depth in range(1, DEEPEST + 1)] + [
        urlsplit(str(settings.get("site_url") or "/")).path or "/"]


def _digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _zensical_templates() -> Path | None:
    """Zensical's theme folder, when Zensical is installed (found without importing it)."""
    spec = importlib.util.find_spec("zensical")
    return Path(spec.origin).parent / "templates" if spec is not None and spec.origin else None


def environment(user: Mapping[str, bytes], engine: str = "mkdocs") -> Any:
    """The template environment of the engine's theme (Material's, or Zensical's own), with the user's own
    templates in front of the theme's."""
    import jinja2

    if engine == "zensical":
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_zensical_templates())))
    else:
        from mkdocs.theme import Theme

        env = Theme(name="material").get_env()
    own = {name: raw.decode("utf-8", "replace") for name, raw in user.items() if name.endswith(".html")}
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(own), *([env.loader] if env.loader else [])])
    return env


def _script_templates(loader: Any) -> list[str]:
    """The names of a theme's script templates (walking only their folders: the theme holds thousands of icons)."""
    import jinja2

    if not isinstance(loader, jinja2.FileSystemLoader):
        return [name for name in loader.list_templates() if name.startswith(_SCRIPT_TEMPLATES)]
    found = set()
    for top in loader.searchpath:
        for folder in {prefix.rsplit("/", 1)[0] for prefix in _SCRIPT_TEMPLATES}:
            found |= {p.relative_to(top).as_posix() for p in Path(top, folder).glob("*.html")}
    return [name for name in found if name.startswith(_SCRIPT_TEMPLATES)]


def policies(env: Any, settings: Mapping[str, Any]) -> dict[str, str]:
    """The policy for each `base_url`, allowing the inline scripts of the theme's script templates rendered
    with the user's settings."""
    import jinja2

    theme = settings.get("theme") if isinstance(settings.get("theme"), Mapping) else {}
    config = {**settings, "extra": settings.get("extra") or {}, "theme": theme}
    features = list(theme.get("features") or []) if isinstance(theme, Mapping) else []
    names = sorted({*(name for name in env.loader.loaders[0].list_templates() if name.startswith(_SCRIPT_TEMPLATES)),
                    *_script_templates(env.loader.loaders[-1])})
    found = {}
    for base in _bases(settings):
        hashes: set[str] = set()
        for name in names:
            try:
                rendered = env.get_template(name).render(config=config, base_url=base, features=features)
            except jinja2.TemplateError:
                continue  # a template that needs a page to render is not one of the page-wide scripts
            hashes |= {_digest(script) for script in _INLINE.findall(rendered)}
        found[base] = POLICY.format(hashes="".join(f" {h}" for h in sorted(hashes)))
    return found


def base_template(source: str, by_base: Mapping[str, str]) -> str:
    """`source` (a theme's base.html) with the policy for the page's `base_url` first in its `<head>`."""
    head = re.search(r"<head(\s[^>]*)?>", source)
    if head is None:
        raise SpreadError("the theme's base.html has no <head> for the handbook's security policy: if your "
                          "theme.custom_dir overrides base.html, keep its <head> element")
    fallback = POLICY.format(hashes="")
    # The character set first, within the first 1024 bytes where browsers look for it; then the policy.
    # Written for Jinja2 (MkDocs) and MiniJinja (Zensical) alike: a mapping literal, `in` and subscripts only.
    meta = ('\n<meta charset="utf-8">\n{%- set spread_policies = ' + json.dumps(dict(by_base)) + " %}\n"
            '<meta http-equiv="Content-Security-Policy" content="{{ spread_policies[base_url] if base_url in '
            f"spread_policies else {json.dumps(fallback)}" ' }}">')
    rest = re.sub(r'<meta charset="utf-8">\n?', "", source[head.end():], count=1, flags=re.IGNORECASE)
    return source[:head.end()] + meta + rest


def files(root: Path, settings: Mapping[str, Any]) -> dict[str, bytes]:
    """The override folder's files: the user's theme folder, and the base template with the policy for each
    installed engine's theme. `base.html` picks the one of the engine rendering the page (MkDocs gives its
    templates `mkdocs_version`, Zensical does not), so the same files build with either engine."""
    user = _user_files(root, settings)
    bases = {}
    for engine in ("mkdocs", "zensical") if _zensical_templates() is not None else ("mkdocs",):
        env = environment(user, engine)
        source = env.loader.get_source(env, "base.html")[0]
        bases[engine] = base_template(source, policies(env, settings)).encode("utf-8")
    if len(bases) == 1:
        return {"404.html": NOT_FOUND.encode("utf-8"), **user, "base.html": bases["mkdocs"]}
    pick = '{% extends ("spread-mkdocs-base.html" if mkdocs_version is defined else "spread-zensical-base.html") %}\n'
    return {"404.html": NOT_FOUND.encode("utf-8"), **user, **{f"spread-{engine}-base.html": text for engine, text in bases.items()},
            "base.html": pick.encode("utf-8")}
