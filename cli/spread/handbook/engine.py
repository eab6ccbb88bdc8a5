"""The site engines that turn the generated Markdown and configuration into the website: MkDocs with Material
(`mkdocs_build`, the default) or Zensical (`zensical_build`). Both read the same files from `.spread-build/`;
swapping the engine changes nothing before this point except the theme's security policy (`theme`), which
lists the inline scripts of the theme that will render the pages.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from spread.errors import SpreadError
from spread.handbook import deferred
from spread.progress import Progress, nothing

ENGINES = ("mkdocs", "zensical")
DEFAULT = "mkdocs"
NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}
_NEEDS = {"mkdocs": ("mkdocs", "material"), "zensical": ("zensical",)}
_INSTALL = {"mkdocs": "pip install mkdocs mkdocs-material", "zensical": "pip install zensical"}
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def ignore(_message: str) -> None:
    """The default for the engine's warnings: kept for the error message, not shown as they come."""


def require(engine: str) -> None:
    """Refuse, in one line that says how to install it, an engine that is not installed beside Spread."""
    if any(importlib.util.find_spec(package) is None for package in _NEEDS[engine]):
        other = next(e for e in ENGINES if e != engine)
        raise SpreadError(f"{NAMES[engine]} is not installed where Spread runs: install it with "
                          f"`{sys.executable} -m {_INSTALL[engine]}`, or build with --engine {other}")


def notice(engine: str) -> str | None:
    """The engine's own notice to the people who use it, as one line: Material prints its end of life (and names
    its successor) only when it runs as the `mkdocs` command, so its module is read and run here as it would
    be there. None when it has nothing to say, or when NO_MKDOCS_2_WARNING (Material's own switch) is set."""
    if engine != "mkdocs":
        return None
    set_by = os.environ.get("NO_MKDOCS_2_WARNING")
    if set_by and not (set_by == "true" and "material.templates" in sys.modules):  # "true": Material's own mark
        return None
    spec = importlib.util.find_spec("material.templates")
    if spec is None or spec.loader is None or spec.origin is None:
        return None
    printed, argv0 = io.StringIO(), sys.argv[0]
    try:
        source = spec.loader.get_source("material.templates")  # type: ignore[attr-defined]
        os.environ.pop("NO_MKDOCS_2_WARNING", None)
        sys.argv[0] = "mkdocs"
        with contextlib.redirect_stderr(printed):
            code = compile(source, spec.origin, "exec")
            exec(code, {"__name__": "material.templates", "__file__": spec.origin})  # noqa: S102  Material's own
    except Exception:  # noqa: BLE001  a notice that cannot be read is not worth failing a build for
        return None
    finally:
        sys.argv[0] = argv0
        os.environ["NO_MKDOCS_2_WARNING"] = set_by or "true"
    text = " ".join(_ANSI.sub("", printed.getvalue()).replace("│", " ").split())
    return text or None


def build(engine: str, config_file: Path, site_dir: Path, split: deferred.Split | None = None, *,
          progress: Progress = nothing, pages: int = 0, warn: Callable[[str], None] = ignore) -> None:
    """Build the website the configuration describes into `site_dir`. Each of the engine's warnings goes to
    `warn` as one line, as it comes; they fail the build (strict), and nothing from the engine reaches the user
    as a traceback. `progress` counts the `pages` built (MkDocs only: Zensical does not say)."""
    require(engine)
    if engine == "zensical":
        from spread.handbook import zensical_build

        zensical_build.build(config_file, site_dir, warn, warn is not ignore)
    else:
        from spread.handbook import mkdocs_build

        mkdocs_build.build(config_file, site_dir, split or deferred.Split(), progress, pages, warn, warn is not ignore)
