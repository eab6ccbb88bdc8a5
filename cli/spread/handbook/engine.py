"""The thin adapter to the site engine: MkDocs 1.6 with Material, in strict mode.

Everything before this point is plain Markdown and a plain `mkdocs.yml`, which ProperDocs or Zensical can
build as well, with placeholders where the generator kept heavy HTML blocks out of the engine's way
(`deferred`): the adapter puts them back into each rendered page. Swapping the engine means replacing this
module only.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from spread.errors import SpreadError
from spread.handbook import deferred


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


def _restorer(blocks: Mapping[str, Sequence[str]]) -> Any:
    """A plugin object whose `on_post_page` puts each page's deferred blocks back, first of every plugin (so
    the user's own hooks and plugins see the whole page), and fails the build on any page where a placeholder
    and its block do not match."""
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin, event_priority

    class Restore(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        @event_priority(100)
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
            try:
                return deferred.restore(page.file.src_uri, output, blocks.get(page.file.src_uri, ()))
            except deferred.Unrestored as exc:
                raise PluginError(f"a generated block was not put back ({exc}): please report this as a bug "
                                  "in Spread") from None

    return Restore()


def build(config_file: Path, blocks: Mapping[str, Sequence[str]] | None = None) -> None:
    """Build the website the configuration describes, putting back the blocks `deferred.split` kept out of the
    pages (by page path). MkDocs' warnings fail the build (strict) and are reported as one line each; nothing
    from MkDocs reaches the user as a traceback."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    propagate = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False  # MkDocs' progress lines are not for our users; its warnings come back below
    try:
        mkdocs_config = load_config(str(config_file), strict=True)
        mkdocs_config.plugins["spread-deferred-blocks"] = _restorer(blocks or {})
        mkdocs_build(mkdocs_config)
    except MkDocsException as exc:
        # "Error building page …:" only announces the next message, which names the page too.
        found = [m for m in collect.messages if m and not m.endswith(":")]
        detail = "; ".join(found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
        raise SpreadError(f"the handbook did not build: {detail or exc.format_message()}") from None
    except OSError as exc:
        raise SpreadError(f"the handbook did not build: {exc.strerror or exc} ({exc.filename})") from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
