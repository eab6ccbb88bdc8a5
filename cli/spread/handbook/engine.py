"""The thin adapter to the site engine: MkDocs 1.6 with Material, in strict mode.

Everything before this point is plain Markdown and a plain `mkdocs.yml`, which ProperDocs or Zensical can
build as well; swapping the engine means replacing this module only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from spread.errors import SpreadError

# A previous build leaves these behind; a folder holding neither is not ours to empty.
BUILD_MARKERS = ("index.html", "sitemap.xml", "search/search_index.json")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


def check_site_dir(site_dir: Path, root: Path) -> None:
    """MkDocs empties the output folder before it builds: refuse any folder that holds something else."""
    site_dir, root = site_dir.resolve(), root.resolve()
    if site_dir == root or site_dir in root.parents:
        raise SpreadError(f"{site_dir} holds the handbook repository itself: choose a folder inside it, "
                          "such as site/")
    if site_dir.is_file():
        raise SpreadError(f"{site_dir} is a file: choose a folder for the website")
    if site_dir.is_dir() and any(site_dir.iterdir()) and not any((site_dir / m).exists() for m in BUILD_MARKERS):
        raise SpreadError(f"{site_dir} is not empty and holds no earlier handbook: publishing would delete its "
                          "files, so choose an empty folder or a new name")


def build(config_file: Path) -> None:
    """Build the website the configuration describes. MkDocs' warnings fail the build (strict) and are
    reported as one line each; nothing from MkDocs reaches the user as a traceback."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    propagate = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False  # MkDocs' progress lines are not for our users; its warnings come back below
    try:
        mkdocs_build(load_config(str(config_file), strict=True))
    except MkDocsException as exc:
        found = [m for m in collect.messages if m]
        detail = "; ".join(found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
        raise SpreadError(f"the handbook did not build: {detail or exc.format_message()}") from None
    except OSError as exc:
        raise SpreadError(f"the handbook did not build: {exc.strerror or exc} ({exc.filename})") from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
