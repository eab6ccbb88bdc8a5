"""The MkDocs adapter: MkDocs 1.6 with Material, in strict mode, in this process.

The Markdown on disk is complete, and a plain `mkdocs build -f .spread-build/mkdocs.yml` builds it. This
adapter only builds it faster: each generated page is read from memory with its heavy, already-escaped HTML
blocks replaced by placeholders (`deferred`), so MkDocs' Markdown and search never parse them, and the
blocks are put back into the rendered page, first of every plugin (so the user's hooks see the whole page).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spread.errors import SpreadError
from spread.handbook import deferred
from spread.progress import Progress


class _Collect(logging.Handler):
    """MkDocs' warnings, each on one line, kept and passed on as they come."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.warn = warn

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        self.messages.append(message)
        if message and not message.endswith(":"):  # "Error building page …:" only announces the next message
            self.warn(message)


def _plugin(kept: Mapping[str, str], blocks: Mapping[str, Sequence[str]], progress: Progress, total: int) -> Any:
    """A plugin object that hands MkDocs each generated page with its blocks deferred (`on_page_read_source`)
    and puts them back (`on_post_page`), failing the build on any page where a placeholder and its block do not
    match. It counts the pages built, for `progress`."""
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin, event_priority

    built = 0

    class Restore(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_page_read_source(self, /, *, page: Any, config: Any) -> str | None:
            return kept.get(page.file.src_uri)  # None: MkDocs reads the file itself

        @event_priority(100)
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
            nonlocal built
            built += 1
            progress(min(built, total), total)
            try:
                return deferred.restore(page.file.src_uri, output, blocks.get(page.file.src_uri, ()))
            except deferred.Unrestored as exc:
                raise PluginError(f"a generated block was not put back ({exc}): please report this as a bug "
                                  "in Spread") from None

    return Restore()


def build(config_file: Path, site_dir: Path, split: deferred.Split, progress: Progress, pages: int,
          warn: Callable[[str], None], show: bool) -> None:
    """Build into `site_dir`; `show` says whether `warn` shows each warning to the person as it comes."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect(warn)
    propagate = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False  # MkDocs' progress lines are not for our users; its warnings come back below
    try:
        mkdocs_config = load_config(str(config_file), strict=True, site_dir=str(site_dir))
        mkdocs_config.plugins["spread-deferred-blocks"] = _plugin(split.kept, split.blocks, progress, pages)
        mkdocs_build(mkdocs_config)
    except MkDocsException as exc:
        found = [m for m in collect.messages if m and not m.endswith(":")]
        if found and show:  # the person has seen each one
            raise SpreadError(f"the handbook did not build: fix what MkDocs said above ({len(found)} "
                              f"warning{'s' * (len(found) != 1)}: the handbook is built in strict mode, so that "
                              "nothing broken is published)") from None
        detail = "; ".join(found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
        raise SpreadError(f"the handbook did not build: {detail or exc.format_message()}") from None
    except OSError as exc:
        raise SpreadError(f"the handbook did not build: {exc.strerror or exc} ({exc.filename})") from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
