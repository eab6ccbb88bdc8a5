"""The thin adapter to the site engine: MkDocs 1.6 with Material, in strict mode.

Everything before this point is plain Markdown and a plain `mkdocs.yml`, which ProperDocs or Zensical can
build as well, with placeholders where the generator kept heavy HTML blocks out of the engine's way
(`deferred`): the adapter puts them back into each rendered page. Swapping the engine means replacing this
module only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spread.errors import SpreadError
from spread.handbook import deferred
from spread.progress import Progress, nothing


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


def ignore(_message: str) -> None:
    """The default for MkDocs' warnings: kept for the error message, not shown as they come."""


def _restorer(blocks: Mapping[str, Sequence[str]], progress: Progress, total: int) -> Any:
    """A plugin object whose `on_post_page` puts each page's deferred blocks back, first of every plugin (so
    the user's own hooks and plugins see the whole page), and fails the build on any page where a placeholder
    and its block do not match. It counts the pages built, for `progress`."""
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin, event_priority

    built = 0

    class Restore(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
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


def build(config_file: Path, blocks: Mapping[str, Sequence[str]] | None = None, *, progress: Progress = nothing,
          pages: int = 0, warn: Callable[[str], None] = ignore) -> None:
    """Build the website the configuration describes, putting back the blocks `deferred.split` kept out of the
    pages (by page path); `progress` counts the `pages` built. Each of MkDocs' warnings goes to `warn` as one
    line, as it comes; they fail the build (strict), and nothing from MkDocs reaches the user as a traceback."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect(warn)
    propagate = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False  # MkDocs' progress lines are not for our users; its warnings come back below
    try:
        mkdocs_config = load_config(str(config_file), strict=True)
        mkdocs_config.plugins["spread-deferred-blocks"] = _restorer(blocks or {}, progress, pages)
        mkdocs_build(mkdocs_config)
    except MkDocsException as exc:
        found = [m for m in collect.messages if m and not m.endswith(":")]
        if found and warn is not ignore:  # the person has seen each one
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
