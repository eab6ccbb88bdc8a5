"""The Zensical adapter: `zensical build --strict` of the generated configuration, in a process of its own.

Zensical reads the same `mkdocs.yml` and Markdown as MkDocs, with a theme of its own (Material's successor),
so the pages need nothing from this adapter. Zensical writes its website only inside the configuration's
folder, so it builds into `.spread-build/…/site/`, and the files are then moved into the folder the swap
prepared (a rename on one file system). Its diagnostics come on stderr, drawn as boxes around the source
line: each becomes one line, `page.md:line:col: message`, passed on as it comes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from spread.errors import SpreadError
from spread.handbook.config import OUTPUT

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_HEAD = re.compile(r"^(Warning|Error): (.+)$")
_WHERE = re.compile(r"^\s*╭─\[\s*(.+?)\s*\]")
_QUIET = re.compile(r"^(Build started|Build finished.*|No issues found|\d+ issues? found)$")


def diagnostics(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    """("warning" or "error" or "stopped", one line) for each of Zensical's diagnostics, from its stderr."""
    pending: tuple[str, str] | None = None
    last = ""
    for raw in lines:
        line = _ANSI.sub("", raw).rstrip()
        if (head := _HEAD.match(line)) is not None:
            if pending is not None:
                yield pending
            pending = (head.group(1).lower(), head.group(2))
        elif pending is not None and (where := _WHERE.match(line)) is not None:
            yield pending[0], f"{where.group(1)}: {pending[1]}"
            pending = None
        elif line.strip() and not _QUIET.match(line) and not line.startswith((" ", "─", "│")):
            last = line
    if pending is not None:
        yield pending
    if last:
        yield "stopped", last.removeprefix("RuntimeError: ")


def build(config_file: Path, site_dir: Path, warn: Callable[[str], None], show: bool) -> None:
    """Build into `site_dir` (which holds only the swap's marker); each warning goes to `warn` as it comes."""
    out = config_file.parent / OUTPUT
    if out.is_symlink():  # never built through
        out.unlink()
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config_file)]
    try:
        with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, encoding="utf-8", errors="replace", cwd=config_file.parent,
                              env={**os.environ, "NO_COLOR": "1"}) as process:
            assert process.stderr is not None
            found: list[str] = []
            stopped = ""
            for kind, message in diagnostics(iter(process.stderr)):
                if kind == "stopped":
                    stopped = message
                else:
                    found.append(message)
                    warn(message if kind == "warning" else f"error: {message}")
    except OSError as exc:
        raise SpreadError(f"Zensical could not be started ({exc.strerror or exc}): check that `{sys.executable} -m "
                          "zensical` runs") from None
    if process.returncode != 0 or not out.is_dir():
        if found and show:
            raise SpreadError(f"the handbook did not build: fix what Zensical said above ({len(found)} "
                              f"problem{'s' * (len(found) != 1)}: the handbook is built in strict mode, so that "
                              "nothing broken is published)")
        detail = "; ".join(found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
        raise SpreadError(f"the handbook did not build: Zensical stopped: {detail or stopped or 'no reason given'}")
    for entry in out.iterdir():
        shutil.move(entry, site_dir / entry.name)
    out.rmdir()
